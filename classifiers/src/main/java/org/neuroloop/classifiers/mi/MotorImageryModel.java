package org.neuroloop.classifiers.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trained motor-imagery decoder with everything needed to apply it to new data the same way: channels, rate,
 * band, window, class labels, pipeline hyper-parameters and fitted parameters. Saved as versioned JSON
 * ({@code "format": "neuroloop-mi-model", "version": 1}); {@link #requireCompatible} refuses data whose channels
 * or rate differ.
 *
 * @param spec pipeline name and hyper-parameters
 * @param pipeline the fitted pipeline
 * @param channels channel labels in the order the pipeline expects
 * @param fs sampling rate, Hz
 * @param band band-pass applied before epoching (causal Butterworth, order {@link Band#ORDER}, zero initial state)
 * @param window epoch window relative to the cue
 * @param labels annotation → class mapping used in training
 * @param trainedOn recordings the model was trained on
 * @param trials number of training trials
 */
public record MotorImageryModel(
        PipelineSpec spec,
        MotorImageryPipeline pipeline,
        List<String> channels,
        double fs,
        Band band,
        EpochWindow window,
        ClassLabels labels,
        List<String> trainedOn,
        int trials) {

    public static final String FORMAT = "neuroloop-mi-model";
    public static final int VERSION = 1;

    /** Fits {@code spec} on all trials of {@code set}. */
    public static MotorImageryModel train(PipelineSpec spec, TrialSet set, Band band, EpochWindow window) {
        MotorImageryPipeline p = spec.create(null).fit(set.epochs(), set.labels(), set.sessions());
        return new MotorImageryModel(
                spec, p, set.channels(), set.fs(), band, window, set.classes(), set.sessionNames(), set.size());
    }

    /** Number of samples in one decoding window. */
    public int windowSamples() {
        return window.length(fs);
    }

    /**
     * Refuses data recorded with other channels (labels compared ignoring case and EEGMMIDB's trailing dots, in
     * order) or another rate.
     */
    public void requireCompatible(List<String> dataChannels, double dataFs, String what) {
        if (dataFs != fs) {
            throw new IllegalArgumentException(
                    what + ": sampling rate " + dataFs + " Hz, the model was trained at " + fs + " Hz");
        }
        if (dataChannels.size() != channels.size()) {
            throw new IllegalArgumentException(what + ": " + dataChannels.size() + " channels, the model expects "
                    + channels.size() + " " + channels);
        }
        for (int i = 0; i < channels.size(); i++) {
            if (!normalise(dataChannels.get(i)).equals(normalise(channels.get(i)))) {
                throw new IllegalArgumentException(what + ": channel " + i + " is '" + dataChannels.get(i)
                        + "', the model expects '" + channels.get(i) + "'");
            }
        }
    }

    private static String normalise(String label) {
        String s = label.trim();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    public ObjectNode toJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("pipeline", spec.name());
        root.put("description", spec.describe());
        ObjectNode hp = root.putObject("hyperparameters");
        hp.put("components", spec.components());
        hp.put("C", spec.c());
        hp.put("order", spec.order());
        hp.put("lag", spec.lag());
        hp.put("recenter", spec.recenter());
        ArrayNode ch = root.putArray("channels");
        channels.forEach(ch::add);
        root.put("fs", fs);
        ObjectNode b = root.putObject("band");
        b.put("low", band.low());
        b.put("high", band.high());
        b.put("filter", "butterworth");
        b.put("order", Band.ORDER);
        b.put("causal", true);
        ObjectNode w = root.putObject("window");
        w.put("tmin", window.tmin());
        w.put("tmax", window.tmax());
        w.put("samples", windowSamples());
        root.put("labels", labels.spec());
        ArrayNode cls = root.putArray("classes");
        labels.classNames().forEach(cls::add);
        ArrayNode tr = root.putArray("trained_on");
        trainedOn.forEach(tr::add);
        root.put("n_trials", trials);
        root.set("parameters", pipeline.parametersJson());
        return root;
    }

    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJson());
    }

    public static MotorImageryModel load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable JSON model file: " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static MotorImageryModel fromJson(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(
                    "field 'format' is '" + root.path("format").asText() + "', expected '" + FORMAT + "'");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException(
                    "model version " + version + " is not supported (this build reads version " + VERSION + ")");
        }
        JsonNode hp = JsonArrays.field(root, "hyperparameters");
        PipelineSpec spec = new PipelineSpec(
                JsonArrays.field(root, "pipeline").asText(),
                hp.path("components").asInt(4),
                hp.path("C").asDouble(1.0),
                hp.path("order").asInt(PipelineSpec.DEFAULT_ORDER),
                hp.path("lag").asInt(PipelineSpec.DEFAULT_LAG),
                hp.path("recenter").asBoolean(false));
        List<String> channels = new ArrayList<>();
        JsonArrays.field(root, "channels").forEach(n -> channels.add(n.asText()));
        JsonNode b = JsonArrays.field(root, "band");
        JsonNode w = JsonArrays.field(root, "window");
        List<String> trainedOn = new ArrayList<>();
        root.path("trained_on").forEach(n -> trainedOn.add(n.asText()));
        MotorImageryPipeline pipeline = spec.load(JsonArrays.field(root, "parameters"));
        return new MotorImageryModel(
                spec,
                pipeline,
                channels,
                JsonArrays.field(root, "fs").asDouble(),
                new Band(
                        JsonArrays.field(b, "low").asDouble(),
                        JsonArrays.field(b, "high").asDouble()),
                new EpochWindow(
                        JsonArrays.field(w, "tmin").asDouble(),
                        JsonArrays.field(w, "tmax").asDouble()),
                ClassLabels.parse(JsonArrays.field(root, "labels").asText()),
                trainedOn,
                root.path("n_trials").asInt());
    }

    /** Probabilities for trials of new data, after checking the data fits the model. */
    public double[][] predictProba(TrialSet set) {
        requireCompatible(set.channels(), set.fs(), String.valueOf(set.sessionNames()));
        return pipeline.predictProba(set.epochs(), set.sessions());
    }
}
