package org.neuroloop.classifiers.deep.spindles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.NetworkTrainer;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleListener;

/**
 * A trained online spindle network: {@link SpindleNetConfig}, the network parameters (DJL bytes, base64 in the
 * JSON file of format {@value #FORMAT}) and the event {@link SpindleNetEvents.Rule} chosen on the training signals.
 */
public final class SpindleNetModel {

    public static final String FORMAT = "neuroloop-spindle-net";
    private static final int BATCH = 1024;

    private final SpindleNetConfig config;
    private final SpindleNetEvents.Rule rule;
    private final byte[] parameters;
    private final List<String> trainedOn;

    public SpindleNetModel(
            SpindleNetConfig config, SpindleNetEvents.Rule rule, byte[] parameters, List<String> trainedOn) {
        this.config = config;
        this.rule = rule;
        this.parameters = parameters.clone();
        this.trainedOn = List.copyOf(trainedOn);
    }

    /** Trains the network on the scored part of the signals, then picks the event rule on the same signals. */
    public static SpindleNetModel train(SpindleNetConfig cfg, List<LabelledSignal> signals, TrainingProgress progress) {
        NetworkTrainer.Data data = SpindleNetTrainingSet.of(cfg, signals);
        progress.report(String.format(
                "spindle net: %d training windows (%d spindle) from %d signals",
                data.size(), Arrays.stream(data.labels()).sum(), signals.size()));
        byte[] params = NetworkTrainer.train(
                () -> SpindleNet.build(cfg),
                new NetworkTrainer.Recipe(cfg.batch(), 0, false, cfg.seed()),
                null,
                data,
                cfg.epochs(),
                cfg.learningRate(),
                progress);
        List<String> names = signals.stream().map(LabelledSignal::name).toList();
        SpindleNetModel unruled = new SpindleNetModel(cfg, new SpindleNetEvents.Rule(0.5, 1, 0, 0), params, names);
        List<Decisions> decisions = new ArrayList<>();
        for (LabelledSignal s : signals) {
            decisions.add(unruled.decisions(s.x(), s.fs()));
        }
        SpindleNetEvents.Rule best = SpindleNetRuleSearch.best(signals, decisions, cfg);
        progress.report("spindle net: event rule " + best);
        return new SpindleNetModel(cfg, best, params, names);
    }

    /**
     * Spindle probability at every decision over a whole channel, in batches (the offline path).
     *
     * @param sample input-sample index of each decision
     * @param p spindle probability of each decision
     */
    public record Decisions(long[] sample, double[] p) {}

    public Decisions decisions(double[] x, double fs) {
        SpindleNetFrontEnd fe = new SpindleNetFrontEnd(config, fs);
        int w = config.channels() * config.windowSamples();
        List<Long> at = new ArrayList<>();
        List<double[]> ps = new ArrayList<>();
        float[] buf = new float[BATCH * w];
        double[] out = new double[BATCH];
        int k = 0;
        try (LoadedNetwork net = load()) {
            for (int i = 0; i < x.length; i++) {
                if (fe.push(x[i])) {
                    fe.window(buf, k * w);
                    at.add((long) i);
                    k++;
                    if (k == BATCH) {
                        net.predictProba1(buf, k, out);
                        ps.add(out.clone());
                        k = 0;
                    }
                }
            }
            if (k > 0) {
                net.predictProba1(buf, k, out);
                ps.add(Arrays.copyOf(out, k));
            }
        }
        double[] p = ps.stream().flatMapToDouble(Arrays::stream).toArray();
        return new Decisions(at.stream().mapToLong(Long::longValue).toArray(), p);
    }

    /** The offline twin of {@link SpindleNetDetector}: the same decisions, events and fire times. */
    public OnlineSpindleRun run(double[] x, double fs, double t0) {
        return events(scored(decisions(x, fs), rule.relative(), config.decisionsPerSecond()), fs, t0, x.length, rule);
    }

    /** The decisions with {@link SpindleNetScore}s in place of the probabilities. */
    static Decisions scored(Decisions d, boolean relative, int decisionsPerSecond) {
        SpindleNetScore score = new SpindleNetScore(relative, decisionsPerSecond);
        double[] s = new double[d.p().length];
        for (int i = 0; i < s.length; i++) {
            s[i] = score.score(d.p()[i]);
        }
        return new Decisions(d.sample(), s);
    }

    /** The events of {@code rule} over decisions already {@link #scored} as the rule asks. */
    static OnlineSpindleRun events(Decisions d, double fs, double t0, int n, SpindleNetEvents.Rule rule) {
        List<Spindle> spindles = new ArrayList<>();
        List<Double> fires = new ArrayList<>();
        SpindleListener l = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                fires.add(firedAt);
            }

            @Override
            public void onSpindle(Spindle s) {
                spindles.add(s);
            }
        };
        SpindleNetEvents ev = new SpindleNetEvents(rule);
        for (int i = 0; i < d.p().length; i++) {
            ev.step(d.p()[i], t0 + d.sample()[i] / fs, l);
        }
        ev.flush(t0 + (n - 1) / fs, l);
        return new OnlineSpindleRun(
                List.copyOf(spindles),
                fires.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The network, loaded once (close it). */
    public LoadedNetwork load() {
        return new LoadedNetwork(SpindleNet.build(config), parameters, config.channels(), config.windowSamples());
    }

    public SpindleNetConfig config() {
        return config;
    }

    public SpindleNetEvents.Rule rule() {
        return rule;
    }

    public List<String> trainedOn() {
        return trainedOn;
    }

    public void save(Path file) throws IOException {
        new ObjectMapper().writeValue(file.toFile(), toJson());
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", FORMAT);
        o.set("config", config.toJson());
        o.put("threshold", rule.threshold());
        o.put("min_consecutive", rule.minConsecutive());
        o.put("lead_s", rule.lead());
        o.put("max_gap", rule.maxGap());
        o.put("keep_threshold", rule.keep());
        o.put("relative", rule.relative());
        trainedOn.forEach(o.putArray("trained_on")::add);
        o.put("djl_parameters", Base64.getEncoder().encodeToString(parameters));
        return o;
    }

    public static SpindleNetModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("spindle net model: no such file " + file);
        }
        try {
            return fromJson(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@link #toJson()}; checks the parameters load into the network. */
    public static SpindleNetModel fromJson(JsonNode o) {
        if (!FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException(
                    "field 'format' is '" + o.path("format").asText() + "', expected '" + FORMAT + "'");
        }
        List<String> names = new ArrayList<>();
        o.path("trained_on").forEach(n -> names.add(n.asText()));
        byte[] params;
        try {
            params = Base64.getDecoder()
                    .decode(SpindleNetConfig.required(o, "djl_parameters").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'djl_parameters' is not base64");
        }
        SpindleNetModel m = new SpindleNetModel(
                SpindleNetConfig.fromJson(SpindleNetConfig.required(o, "config")),
                new SpindleNetEvents.Rule(
                        SpindleNetConfig.required(o, "threshold").asDouble(),
                        SpindleNetConfig.required(o, "min_consecutive").asInt(),
                        SpindleNetConfig.required(o, "lead_s").asDouble(),
                        o.path("max_gap").asInt(0),
                        o.path("keep_threshold")
                                .asDouble(SpindleNetConfig.required(o, "threshold")
                                        .asDouble()),
                        o.path("relative").asBoolean(false)),
                params,
                names);
        m.load().close(); // fails now when the parameters do not fit the network
        return m;
    }
}
