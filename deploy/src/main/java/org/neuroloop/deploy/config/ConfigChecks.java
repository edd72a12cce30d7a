package org.neuroloop.deploy.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.deploy.config.PipelineSpec.FilterSpec;
import org.neuroloop.deploy.registry.DetectorType;
import org.neuroloop.deploy.registry.Detectors;

/**
 * The checks {@link ConfigResolver} runs before it resolves: every value that cannot run fails here with a
 * {@link ConfigException} naming its key (missing files and models, filters that cannot exist at the stream's
 * rate, outputs that cannot be reached, contradictory settings).
 */
final class ConfigChecks {
    static final Set<String> FILTER_TYPES = Set.of("bandpass", "lowpass", "highpass", "bandstop", "notch");
    /** The deep motor-imagery classifier type. */
    static final String SIMPLECONV = "simpleconv";

    static final List<String> CLASSIFIER_TYPES = List.of("mi", SIMPLECONV);
    static final Set<String> RESTARTS = Set.of("none", "fixed-delay", "exponential-delay");

    private final ConfigResolver r;

    ConfigChecks(ConfigResolver r) {
        this.r = r;
    }

    /** Fails with the first problem of {@code config}. */
    void check(SessionConfig config) {
        if (config.sessions().isEmpty()) {
            fail("sessions", "at least one session is needed (each with an lsl, recording or synthetic source)");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.sessions().size(); i++) {
            SessionSpec s = config.sessions().get(i);
            String key = "sessions[" + i + "]";
            if (s.id() == null || s.id().isBlank()) {
                fail(key + ".id", "every session needs a non-empty id");
            }
            if (!ids.add(s.id())) {
                fail(key + ".id", "duplicate session id '" + s.id() + "'");
            }
            if (s.sourceKind() == null) {
                fail(key, "exactly one of lsl, recording, synthetic is needed");
            }
            validateSource(key, s, config.pipeline());
        }
        validatePipeline(config.pipeline());
        for (int i = 0; i < config.outputs().size(); i++) {
            validateOutput("outputs[" + i + "]", config.outputs().get(i));
        }
        validateFlink(config.flink());
    }

    /** The rate the pipeline will see from {@code s} when it is known before start (synthetic), else NaN. */
    private void validateSource(String key, SessionSpec s, PipelineSpec p) {
        switch (s.sourceKind()) {
            case "lsl" -> {
                var l = s.lsl();
                if (blank(l.name()) && blank(l.sourceId())) {
                    fail(
                            key + ".lsl",
                            "give name or sourceId (type alone may match several streams) so the stream maps to session '"
                                    + s.id() + "'");
                }
                positiveIfSet(key + ".lsl.resolveTimeoutSeconds", l.resolveTimeoutSeconds());
                positiveIfSet(key + ".lsl.staleSeconds", l.staleSeconds());
                implementation(key + ".lsl.implementation", l.implementation());
            }
            case "recording" -> {
                if (blank(s.recording().path())) {
                    fail(key + ".recording.path", "missing");
                }
                Path f = r.resolve(s.recording().path());
                if (!Files.isReadable(f)) {
                    fail(key + ".recording.path", "no readable file at " + f);
                }
                r.speed(key + ".recording.speed", s.recording().speed());
            }
            default -> {
                var y = s.synthetic();
                if (y.scenario() != null && !ConfigResolver.SCENARIOS.contains(y.scenario())) {
                    fail(
                            key + ".synthetic.scenario",
                            "'" + y.scenario() + "' is not one of " + ConfigResolver.SCENARIOS);
                }
                if (y.channels() != null && y.channels() < 1) {
                    fail(key + ".synthetic.channels", "must be >= 1, got " + y.channels());
                }
                positiveIfSet(key + ".synthetic.rate", y.rate());
                if (y.seconds() != null && y.seconds() < 0) {
                    fail(key + ".synthetic.seconds", "must be >= 0 (0 = until stopped), got " + y.seconds());
                }
                if (y.chunkSamples() != null && y.chunkSamples() < 1) {
                    fail(key + ".synthetic.chunkSamples", "must be >= 1, got " + y.chunkSamples());
                }
                r.speed(key + ".synthetic.speed", y.speed());
                double rate = y.rate() == null ? ConfigResolver.SYNTHETIC_RATE : y.rate();
                for (int f = 0; f < p.filters().size(); f++) {
                    checkNyquist("pipeline.filters[" + f + "]", p.filters().get(f), rate, key);
                }
            }
        }
    }

    private void validatePipeline(PipelineSpec p) {
        if (p.quality() != null) {
            var q = p.quality();
            if (q.channels() != null && q.channels() < 0) {
                fail("pipeline.quality.channels", "must be >= 0 (0 = any), got " + q.channels());
            }
            nonNegativeIfSet("pipeline.quality.flatMicrovolts", q.flatMicrovolts());
            nonNegativeIfSet("pipeline.quality.flatSeconds", q.flatSeconds());
            positiveIfSet("pipeline.quality.clipMicrovolts", q.clipMicrovolts());
            if (q.clipSamples() != null && q.clipSamples() < 1) {
                fail("pipeline.quality.clipSamples", "must be >= 1, got " + q.clipSamples());
            }
            positiveIfSet("pipeline.quality.clockJumpSeconds", q.clockJumpSeconds());
            nonNegativeIfSet("pipeline.quality.staleSeconds", q.staleSeconds());
        }
        for (int i = 0; i < p.filters().size(); i++) {
            validateFilter("pipeline.filters[" + i + "]", p.filters().get(i));
        }
        if (p.reference() != null) {
            String t = p.reference().type();
            if (!"average".equals(t) && !"channels".equals(t)) {
                fail("pipeline.reference.type", "'" + t + "' is not average or channels");
            }
            if ("channels".equals(t)
                    && (p.reference().channels() == null
                            || p.reference().channels().isEmpty())) {
                fail("pipeline.reference.channels", "type channels needs a non-empty list of channel labels");
            }
        }
        if (p.features() != null) {
            var bp = p.features().bandpower();
            if (bp != null) {
                windowAndStep("pipeline.features.bandpower", bp.windowSeconds(), bp.stepSeconds());
                if (bp.bands() == null || bp.bands().isEmpty()) {
                    fail("pipeline.features.bandpower.bands", "give at least one band, e.g. {alpha: [8, 12]}");
                }
                bp.bands().forEach((name, edges) -> {
                    if (edges == null || edges.size() != 2 || !(edges.get(0) >= 0) || !(edges.get(1) > edges.get(0))) {
                        fail(
                                "pipeline.features.bandpower.bands." + name,
                                "expected [low, high] Hz with 0 <= low < high, got " + edges);
                    }
                });
            }
            var cov = p.features().covariance();
            if (cov != null) {
                windowAndStep("pipeline.features.covariance", cov.windowSeconds(), cov.stepSeconds());
                if (cov.estimator() != null && !List.of("scm", "lwf", "oas").contains(cov.estimator())) {
                    fail("pipeline.features.covariance.estimator", "'" + cov.estimator() + "' is not scm, lwf or oas");
                }
            }
        }
        if (p.classifier() != null && p.detector() != null) {
            fail("pipeline", "give a classifier or a detector, not both");
        }
        if (p.classifier() != null) {
            var c = p.classifier();
            if (!CLASSIFIER_TYPES.contains(c.type())) {
                fail("pipeline.classifier.type", "'" + c.type() + "' is not a known classifier " + CLASSIFIER_TYPES);
            }
            boolean deep = SIMPLECONV.equals(c.type());
            if (blank(c.model())) {
                fail(
                        "pipeline.classifier.model",
                        "missing: path of a model written by 'neuroloop train mi'"
                                + (deep ? " --pipeline simpleconv --pretrained PRE.model" : ""));
            }
            Path m = r.resolve(c.model());
            if (!Files.isReadable(m)) {
                fail("pipeline.classifier.model", "no readable model file at " + m);
            }
            Band band = deep
                    ? r.simpleConvModel(c.model()).band()
                    : r.miModel(c.model()).band();
            if (deep && Boolean.TRUE.equals(c.recenter())) {
                fail(
                        "pipeline.classifier.recenter",
                        "simpleconv carries its subject's Euclidean alignment from"
                                + " fine-tuning; leave recenter out");
            }
            for (int f = 0; f < p.filters().size(); f++) {
                var fs = p.filters().get(f);
                boolean same = p.filters().size() == 1
                        && "bandpass".equals(fs.type())
                        && fs.low() != null
                        && fs.low() == band.low()
                        && fs.high() != null
                        && fs.high() == band.high()
                        && (fs.order() == null || fs.order() == Band.ORDER);
                if (!same) {
                    fail(
                            "pipeline.filters",
                            "the model " + m.getFileName() + " was trained on a causal order-" + Band.ORDER
                                    + " band-pass " + band.spec()
                                    + " Hz; leave filters out (the job applies the model's band) or give exactly that");
                }
            }
            positiveIfSet("pipeline.classifier.stepSeconds", c.stepSeconds());
            if (c.targetClass() != null && c.targetClass() < 0) {
                fail("pipeline.classifier.targetClass", "must be >= 0, got " + c.targetClass());
            }
        }
        if (p.detector() != null
                && (p.detector().type() == null
                        || Detectors.find(p.detector().type()).isEmpty())) {
            fail(
                    "pipeline.detector.type",
                    "'" + p.detector().type() + "' is not a registered detector "
                            + Detectors.all().stream().map(DetectorType::name).toList());
        }
        if (p.policy() != null && p.classifier() == null && p.detector() == null) {
            fail("pipeline.policy", "a policy needs a classifier or a detector to act on");
        }
    }

    /**
     * Loads the MI model at {@code path}; a file that is not a model fails naming {@code pipeline.classifier.model}.
     */
    /** The policy config with defaults for missing keys; bad values fail naming {@code pipeline.policy}. */
    private void validateFilter(String key, FilterSpec f) {
        if (f.type() == null || !FILTER_TYPES.contains(f.type())) {
            fail(key + ".type", "'" + f.type() + "' is not one of " + FILTER_TYPES);
        }
        if (f.type().equals("notch")) {
            if (f.freq() == null || !(f.freq() > 0)) {
                fail(key + ".freq", "a notch needs freq > 0 Hz, got " + f.freq());
            }
            positiveIfSet(key + ".q", f.q());
            return;
        }
        if (f.order() != null && (f.order() < 1 || f.order() > 16)) {
            fail(key + ".order", "must be 1..16, got " + f.order());
        }
        boolean needLow = !f.type().equals("lowpass");
        boolean needHigh = !f.type().equals("highpass");
        if (needLow && (f.low() == null || !(f.low() > 0))) {
            fail(key + ".low", f.type() + " needs low > 0 Hz, got " + f.low());
        }
        if (needHigh && (f.high() == null || !(f.high() > 0))) {
            fail(key + ".high", f.type() + " needs high > 0 Hz, got " + f.high());
        }
        if (needLow && needHigh && !(f.low() < f.high())) {
            fail(key + ".high", "must be above low (" + f.low() + " Hz), got " + f.high());
        }
    }

    /** Fails when a filter edge is at or above the Nyquist frequency of {@code rate} (NaN: unknown, skip). */
    public void checkNyquist(String key, FilterSpec f, double rate, String sessionKey) {
        if (Double.isNaN(rate)) {
            return;
        }
        double nyquist = rate / 2;
        Double[] edges = f.type().equals("notch") ? new Double[] {f.freq()} : new Double[] {f.low(), f.high()};
        String[] names = f.type().equals("notch") ? new String[] {"freq"} : new String[] {"low", "high"};
        for (int i = 0; i < edges.length; i++) {
            if (edges[i] != null && edges[i] >= nyquist) {
                fail(
                        key + "." + names[i],
                        edges[i] + " Hz is at or above the Nyquist frequency " + nyquist + " Hz of " + sessionKey + " ("
                                + rate + " Hz)");
            }
        }
    }

    private void validateOutput(String key, OutputSpec o) {
        String kind = o.kind();
        if (kind == null) {
            fail(key, "exactly one of lsl, udp, serial, audio, jsonl is needed");
        }
        switch (kind) {
            case "lsl" -> implementation(key + ".lsl.implementation", o.lsl().implementation());
            case "udp" -> {
                String host = o.udp().host() == null ? "127.0.0.1" : o.udp().host();
                try {
                    InetAddress.getByName(host);
                } catch (UnknownHostException e) {
                    fail(key + ".udp.host", "cannot resolve '" + host + "'");
                }
                if (o.udp().port() == null || o.udp().port() < 1 || o.udp().port() > 65535) {
                    fail(
                            key + ".udp.port",
                            "expected a port 1..65535, got " + o.udp().port());
                }
            }
            case "serial" -> {
                if (blank(o.serial().port())) {
                    fail(key + ".serial.port", "missing (e.g. /dev/ttyUSB0)");
                }
                if (o.serial().port().startsWith("/")
                        && !Files.exists(Path.of(o.serial().port()))) {
                    fail(key + ".serial.port", "no such device " + o.serial().port());
                }
            }
            case "jsonl" -> writableFile(key + ".jsonl.path", o.jsonl().path());
            case "audio" -> {
                if (o.audio().wavFolder() != null) {
                    Path d = r.resolve(o.audio().wavFolder());
                    if (!Files.isDirectory(d) || !Files.isWritable(d)) {
                        fail(key + ".audio.wavFolder", d + " is not a writable directory");
                    }
                }
                positiveIfSet(key + ".audio.seconds", o.audio().seconds());
            }
            default -> {
                // LSL outlets are always creatable on loopback.
            }
        }
    }

    private void validateFlink(FlinkSpec f) {
        if (f.parallelism() != null && f.parallelism() < 1) {
            fail("flink.parallelism", "must be >= 1, got " + f.parallelism());
        }
        if (f.bufferTimeoutMs() != null && f.bufferTimeoutMs() < -1) {
            fail("flink.bufferTimeoutMs", "must be >= -1 (0 = flush every record), got " + f.bufferTimeoutMs());
        }
        if (f.checkpoint() != null) {
            if (f.checkpoint().intervalMs() == null || f.checkpoint().intervalMs() < 10) {
                fail(
                        "flink.checkpoint.intervalMs",
                        "must be >= 10 ms, got " + f.checkpoint().intervalMs());
            }
            if (f.checkpoint().dir() != null && !f.checkpoint().dir().contains("://")) {
                Path d = r.resolve(f.checkpoint().dir());
                try {
                    Files.createDirectories(d);
                } catch (IOException e) {
                    fail("flink.checkpoint.dir", "cannot create " + d + ": " + e.getMessage());
                }
                if (!Files.isWritable(d)) {
                    fail("flink.checkpoint.dir", d + " is not writable");
                }
            }
        }
        if (f.restart() != null) {
            String s = f.restart().strategy();
            if (s == null || !RESTARTS.contains(s.toLowerCase(Locale.ROOT))) {
                fail("flink.restart.strategy", "'" + s + "' is not one of " + RESTARTS);
            }
            if (f.restart().attempts() != null && f.restart().attempts() < 0) {
                fail(
                        "flink.restart.attempts",
                        "must be >= 0, got " + f.restart().attempts());
            }
            if (f.restart().delayMs() != null && f.restart().delayMs() < 0) {
                fail("flink.restart.delayMs", "must be >= 0, got " + f.restart().delayMs());
            }
        }
    }

    private void windowAndStep(String key, Double window, Double step) {
        if (window == null || !(window > 0)) {
            fail(key + ".windowSeconds", "must be > 0, got " + window);
        }
        if (step != null && !(step > 0 && step <= window)) {
            fail(key + ".stepSeconds", "must be in (0, windowSeconds], got " + step);
        }
    }

    private void writableFile(String key, String path) {
        if (blank(path)) {
            fail(key, "missing");
        }
        Path p = r.resolve(path).toAbsolutePath();
        Path dir = p.getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            fail(key, "directory " + dir + " does not exist or is not writable");
        }
    }

    /** The key that once chose between NeuroLoop's LSL code and liblsl: only lsl4j is left, so it must be unset. */
    private void implementation(String key, String text) {
        if (text != null) {
            fail(
                    key,
                    "'" + text + "' is no longer a choice: NeuroLoop speaks LSL through lsl4j (pure Java, read by any "
                            + "liblsl peer) and loads no liblsl; delete this key");
        }
    }

    private void positiveIfSet(String key, Double v) {
        if (v != null && !(v > 0 && Double.isFinite(v))) {
            fail(key, "must be a positive number, got " + v);
        }
    }

    private void nonNegativeIfSet(String key, Double v) {
        if (v != null && !(v >= 0 && Double.isFinite(v))) {
            fail(key, "must be >= 0, got " + v);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private void fail(String key, String message) {
        throw r.fail(key, message);
    }
}
