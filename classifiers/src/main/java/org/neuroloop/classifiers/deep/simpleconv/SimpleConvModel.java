package org.neuroloop.classifiers.deep.simpleconv;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.neuroloop.classifiers.deep.BatchNormAdaptation;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.NetworkTrainer;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.EpochWindow;

/**
 * A trained {@link SimpleConvNet} with what it expects as input: channel labels, rate, epoch length, band and
 * window (the epochs are cut and band-passed as for the covariance pipelines), the subjects it was trained on, and,
 * once fine-tuned to a subject, that subject's {@link EuclideanAlignment} (used online; offline evaluation aligns
 * each subject from its own trials).
 *
 * <p>File format {@value #FORMAT}: JSON with the network parameters inline (base64 of DJL's
 * {@code Block.saveParameters} bytes; the default network has about 33 k parameters).
 */
public final class SimpleConvModel {

    public static final String FORMAT = "neuroloop-simpleconv-model";

    private final SimpleConvConfig config;
    private final List<String> channels;
    private final double fs;
    private final int epochSamples;
    private final Band band;
    private final EpochWindow window;
    private final List<String> subjects;
    private final byte[] parameters;
    private final EuclideanAlignment alignment;

    public SimpleConvModel(
            SimpleConvConfig config,
            List<String> channels,
            double fs,
            int epochSamples,
            Band band,
            EpochWindow window,
            List<String> subjects,
            byte[] parameters,
            EuclideanAlignment alignment) {
        this.config = config;
        this.channels = List.copyOf(channels);
        this.fs = fs;
        this.epochSamples = epochSamples;
        this.band = band;
        this.window = window;
        this.subjects = List.copyOf(subjects);
        this.parameters = parameters.clone();
        this.alignment = alignment;
        if (alignment != null && alignment.channels() != channels.size()) {
            throw new IllegalArgumentException("simpleconv model: alignment of " + alignment.channels()
                    + " channels for "
                    + channels.size() + " channels");
        }
    }

    /**
     * Pretrains on many subjects, each aligned by itself; subject-wise batches group by subject.
     *
     * @throws IllegalArgumentException when subjects differ in channels, rate or epoch length
     */
    public static SimpleConvModel pretrain(
            SimpleConvConfig cfg,
            List<SubjectTrials> subjects,
            Band band,
            EpochWindow window,
            TrainingProgress progress) {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("simpleconv: no subjects to pretrain on");
        }
        SubjectTrials first = subjects.get(0);
        List<double[][][]> aligned = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SubjectTrials s : subjects) {
            requireSameInput(first, s);
            aligned.add(s.aligned());
            labels.add(s.trials().labels());
            names.add(s.subject());
        }
        int samples = first.trials().epochs()[0][0].length;
        SimpleConvModel shell = new SimpleConvModel(
                cfg, first.trials().channels(), first.trials().fs(), samples, band, window, names, new byte[0], null);
        NetworkTrainer.Data data = shell.data(aligned, labels);
        byte[] params = NetworkTrainer.train(
                () -> SimpleConvNet.build(cfg), recipe(cfg), null, data, cfg.epochs(), cfg.learningRate(), progress);
        return shell.withParameters(params, null);
    }

    /** This model fine-tuned on one subject's aligned, labelled trials with its config's schedule (plain). */
    public SimpleConvModel fineTune(
            double[][][] aligned, int[] labels, EuclideanAlignment subjectAlignment, TrainingProgress progress) {
        return fineTune(aligned, labels, subjectAlignment, FineTuning.of(config), progress);
    }

    /**
     * This model fitted to one subject's aligned, labelled trials by {@code how}: batch-norm statistics, then
     * gradient steps; the alignment is kept for online use.
     */
    public SimpleConvModel fineTune(
            double[][][] aligned,
            int[] labels,
            EuclideanAlignment subjectAlignment,
            FineTuning how,
            TrainingProgress progress) {
        NetworkTrainer.Data data = data(List.<double[][][]>of(aligned), List.<int[]>of(labels));
        Supplier<SequentialBlock> network = () -> SimpleConvNet.build(config);
        byte[] params = parameters;
        if (how.adaptBatchNorm()) {
            params = BatchNormAdaptation.adapt(network, params, data);
        }
        byte[] statistics = params;
        if (how.epochs() > 0) {
            NetworkTrainer.Data train = data;
            NetworkTrainer.Data validation = null;
            if (how.validationFraction() > 0) {
                int[][] parts = how.holdOut(labels, config.seed());
                train = data.subset(parts[0]);
                validation = data.subset(parts[1]);
            }
            Predicate<Block> frozen = how.layers() == FineTuning.Layers.HEAD ? b -> b instanceof Convolution : null;
            params = NetworkTrainer.train(
                    network,
                    recipe(config),
                    params,
                    train,
                    how.epochs(),
                    how.learningRate(),
                    new NetworkTrainer.Tuning(frozen, validation),
                    progress);
            if (how.layers() == FineTuning.Layers.HEAD) {
                // training-mode steps moved the running statistics to the few target trials; keep the ones the
                // frozen convolutions were pretrained (or adapted) with
                params = BatchNormAdaptation.keepStatistics(
                        network, params, statistics, new Shape(1, channels.size(), networkSamples()));
            }
        }
        return withParameters(params, subjectAlignment);
    }

    /** The same model with another fine-tuning schedule (e.g. 0 epochs: fine-tuning only attaches the alignment). */
    public SimpleConvModel withFineTuneEpochs(int epochs) {
        return new SimpleConvModel(
                config.withSchedule(config.epochs(), epochs),
                channels,
                fs,
                epochSamples,
                band,
                window,
                subjects,
                parameters,
                alignment);
    }

    /** P(class 1) of aligned epochs {@code [trial][channel][time]} at the model's rate. */
    public double[] predictProba1(double[][][] aligned) {
        float[] x = inputs(aligned);
        double[] p = new double[aligned.length];
        try (LoadedNetwork inf = inference()) {
            inf.predictProba1(x, aligned.length, p);
        }
        return p;
    }

    /** A loaded network for repeated prediction (close it). */
    public LoadedNetwork inference() {
        return new LoadedNetwork(SimpleConvNet.build(config), parameters, channels.size(), networkSamples());
    }

    private static NetworkTrainer.Recipe recipe(SimpleConvConfig c) {
        return new NetworkTrainer.Recipe(c.batch(), c.mixupAlpha(), c.subjectBatches(), c.seed());
    }

    /** Samples per channel the network sees (after resampling). */
    public int networkSamples() {
        return EpochResampling.length(epochSamples, fs, config.resampleHz());
    }

    float[] inputs(double[][][] epochs) {
        int per = channels.size() * networkSamples();
        float[] x = new float[epochs.length * per];
        for (int i = 0; i < epochs.length; i++) {
            requireEpoch(epochs[i], i);
            EpochResampling.write(epochs[i], fs, config.resampleHz(), x, i * per);
        }
        return x;
    }

    private NetworkTrainer.Data data(List<double[][][]> aligned, List<int[]> labels) {
        int n = aligned.stream().mapToInt(a -> a.length).sum();
        int per = channels.size() * networkSamples();
        float[] x = new float[n * per];
        int[] y = new int[n];
        int[] g = new int[n];
        int k = 0;
        for (int s = 0; s < aligned.size(); s++) {
            double[][][] a = aligned.get(s);
            for (int i = 0; i < a.length; i++) {
                requireEpoch(a[i], i);
                EpochResampling.write(a[i], fs, config.resampleHz(), x, k * per);
                y[k] = labels.get(s)[i];
                g[k] = s;
                k++;
            }
        }
        return new NetworkTrainer.Data(x, channels.size(), networkSamples(), y, g);
    }

    private void requireEpoch(double[][] e, int i) {
        if (e.length != channels.size() || e[0].length != epochSamples) {
            throw new IllegalArgumentException("simpleconv: epoch " + i + " is " + e.length + " channels × "
                    + e[0].length
                    + " samples, the model expects " + channels.size() + " × " + epochSamples);
        }
    }

    private static void requireSameInput(SubjectTrials first, SubjectTrials s) {
        if (!s.trials().channels().equals(first.trials().channels())
                || s.trials().fs() != first.trials().fs()
                || s.trials().epochs()[0][0].length != first.trials().epochs()[0][0].length) {
            throw new IllegalArgumentException("simpleconv: subject " + s.subject()
                    + " has other channels, rate or epoch length than "
                    + first.subject());
        }
    }

    /** The network parameters (DJL bytes, a copy). */
    byte[] parameters() {
        return parameters.clone();
    }

    SimpleConvModel withParameters(byte[] params, EuclideanAlignment a) {
        return new SimpleConvModel(config, channels, fs, epochSamples, band, window, subjects, params, a);
    }

    public SimpleConvConfig config() {
        return config;
    }

    public List<String> channels() {
        return channels;
    }

    public double fs() {
        return fs;
    }

    public int epochSamples() {
        return epochSamples;
    }

    public Band band() {
        return band;
    }

    public EpochWindow window() {
        return window;
    }

    public List<String> subjects() {
        return subjects;
    }

    /** The fine-tuned subject's alignment, or null for a pretrained-only model. */
    public EuclideanAlignment alignment() {
        return alignment;
    }

    /** Requires that recordings with these channels and rate fit this model. */
    public void requireCompatible(List<String> recChannels, double recFs, String what) {
        if (!recChannels.equals(channels) || recFs != fs) {
            throw new IllegalArgumentException(what + ": " + recChannels.size() + " channels at " + recFs
                    + " Hz, the simpleconv model expects "
                    + channels.size() + " channels " + (recChannels.equals(channels) ? "" : "(other labels) ") + "at "
                    + fs + " Hz");
        }
    }

    public void save(Path file) throws IOException {
        new ObjectMapper().writeValue(file.toFile(), toJson());
    }

    /** The model file's JSON. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", FORMAT);
        o.set("config", config.toJson());
        ArrayNode ch = o.putArray("channels");
        channels.forEach(ch::add);
        o.put("fs", fs);
        o.put("epoch_samples", epochSamples);
        o.put("band", band.spec());
        o.put("window", window.spec());
        ArrayNode subj = o.putArray("subjects");
        subjects.forEach(subj::add);
        if (alignment != null) {
            ArrayNode w = o.putArray("alignment_whitener");
            for (double v : alignment.whitener()) {
                w.add(v);
            }
        }
        o.put("djl_parameters", Base64.getEncoder().encodeToString(parameters));
        return o;
    }

    public static SimpleConvModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("simpleconv model: no such file " + file);
        }
        JsonNode o;
        try {
            o = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
        try {
            return fromJson(o);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@link #toJson()}; checks the parameters load into the network. */
    public static SimpleConvModel fromJson(JsonNode o) {
        if (!FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException(
                    "field 'format' is '" + o.path("format").asText() + "', expected '" + FORMAT + "'");
        }
        List<String> ch = new ArrayList<>();
        SimpleConvConfig.required(o, "channels").forEach(n -> ch.add(n.asText()));
        List<String> subj = new ArrayList<>();
        o.path("subjects").forEach(n -> subj.add(n.asText()));
        EuclideanAlignment a = null;
        if (o.has("alignment_whitener")) {
            double[] w = new double[o.get("alignment_whitener").size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = o.get("alignment_whitener").get(i).asDouble();
            }
            a = EuclideanAlignment.ofWhitener(w);
        }
        byte[] params;
        try {
            params = Base64.getDecoder()
                    .decode(SimpleConvConfig.required(o, "djl_parameters").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'djl_parameters' is not base64");
        }
        SimpleConvModel m = new SimpleConvModel(
                SimpleConvConfig.fromJson(SimpleConvConfig.required(o, "config")),
                ch,
                SimpleConvConfig.required(o, "fs").asDouble(),
                SimpleConvConfig.required(o, "epoch_samples").asInt(),
                Band.parse(SimpleConvConfig.required(o, "band").asText()),
                EpochWindow.parse(SimpleConvConfig.required(o, "window").asText()),
                subj,
                params,
                a);
        m.inference().close(); // fails here, not at first use, when the parameters do not fit the network
        return m;
    }
}
