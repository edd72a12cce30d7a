package org.neuroloop.deploy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The checks {@link ConfigResolver} runs before it resolves: every value that cannot run fails here with a
 * {@link ConfigException} naming its key (missing files and models, filters that cannot exist at the stream's
 * rate, outputs that cannot be reached, contradictory settings): sessions and Flink here, the pipeline in
 * {@link PipelineChecks}, the outputs in {@link OutputChecks}.
 */
final class ConfigChecks {
    static final Set<String> RESTARTS = Set.of("none", "fixed-delay", "exponential-delay");

    private final ConfigResolver r;
    private final KeyChecks keys;
    private final PipelineChecks pipeline;
    private final OutputChecks outputs;

    ConfigChecks(ConfigResolver r) {
        this.r = r;
        this.keys = new KeyChecks(r);
        this.pipeline = new PipelineChecks(r, keys);
        this.outputs = new OutputChecks(r, keys);
    }

    /** Fails with the first problem of {@code config}. */
    void check(SessionConfig config) {
        if (config.sessions().isEmpty()) {
            keys.fail("sessions", "at least one session is needed (each with an lsl, recording or synthetic source)");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.sessions().size(); i++) {
            SessionSpec s = config.sessions().get(i);
            String key = "sessions[" + i + "]";
            if (s.id() == null || s.id().isBlank()) {
                keys.fail(key + ".id", "every session needs a non-empty id");
            }
            if (!ids.add(s.id())) {
                keys.fail(key + ".id", "duplicate session id '" + s.id() + "'");
            }
            if (s.sourceKind() == null) {
                keys.fail(key, "exactly one of lsl, recording, synthetic is needed");
            }
            validateSource(key, s, config.pipeline());
        }
        pipeline.check(config.pipeline());
        for (int i = 0; i < config.outputs().size(); i++) {
            outputs.check("outputs[" + i + "]", config.outputs().get(i));
        }
        validateFlink(config.flink());
    }

    /** The rate the pipeline will see from {@code s} when it is known before start (synthetic), else NaN. */
    private void validateSource(String key, SessionSpec s, PipelineSpec p) {
        switch (s.sourceKind()) {
            case "lsl" -> {
                var l = s.lsl();
                if (KeyChecks.blank(l.name()) && KeyChecks.blank(l.sourceId())) {
                    keys.fail(
                            key + ".lsl",
                            "give name or sourceId (type alone may match several streams) so the stream maps to session '"
                                    + s.id() + "'");
                }
                keys.positiveIfSet(key + ".lsl.resolveTimeoutSeconds", l.resolveTimeoutSeconds());
                keys.positiveIfSet(key + ".lsl.staleSeconds", l.staleSeconds());
                keys.implementation(key + ".lsl.implementation", l.implementation());
            }
            case "recording" -> {
                if (KeyChecks.blank(s.recording().path())) {
                    keys.fail(key + ".recording.path", "missing");
                }
                Path f = r.resolve(s.recording().path());
                if (!Files.isReadable(f)) {
                    keys.fail(key + ".recording.path", "no readable file at " + f);
                }
                r.speed(key + ".recording.speed", s.recording().speed());
            }
            default -> {
                var y = s.synthetic();
                if (y.scenario() != null && !ConfigResolver.SCENARIOS.contains(y.scenario())) {
                    keys.fail(
                            key + ".synthetic.scenario",
                            "'" + y.scenario() + "' is not one of " + ConfigResolver.SCENARIOS);
                }
                if (y.channels() != null && y.channels() < 1) {
                    keys.fail(key + ".synthetic.channels", "must be >= 1, got " + y.channels());
                }
                keys.positiveIfSet(key + ".synthetic.rate", y.rate());
                if (y.seconds() != null && y.seconds() < 0) {
                    keys.fail(key + ".synthetic.seconds", "must be >= 0 (0 = until stopped), got " + y.seconds());
                }
                if (y.chunkSamples() != null && y.chunkSamples() < 1) {
                    keys.fail(key + ".synthetic.chunkSamples", "must be >= 1, got " + y.chunkSamples());
                }
                if (y.loopSeconds() != null
                        && !(y.loopSeconds() == 0 || y.loopSeconds() >= 1 && y.loopSeconds() <= 3600)) {
                    keys.fail(
                            key + ".synthetic.loopSeconds",
                            "must be 0 (no loop) or 1 to 3600 s, got " + y.loopSeconds());
                }
                r.speed(key + ".synthetic.speed", y.speed());
                double rate = y.rate() == null ? ConfigResolver.SYNTHETIC_RATE : y.rate();
                for (int f = 0; f < p.filters().size(); f++) {
                    pipeline.checkNyquist(
                            "pipeline.filters[" + f + "]", p.filters().get(f), rate, key);
                }
            }
        }
    }

    private void validateFlink(FlinkSpec f) {
        if (f.parallelism() != null && f.parallelism() < 1) {
            keys.fail("flink.parallelism", "must be >= 1, got " + f.parallelism());
        }
        if (f.bufferTimeoutMs() != null && f.bufferTimeoutMs() < -1) {
            keys.fail("flink.bufferTimeoutMs", "must be >= -1 (0 = flush every record), got " + f.bufferTimeoutMs());
        }
        if (f.checkpoint() != null) {
            if (f.checkpoint().intervalMs() == null || f.checkpoint().intervalMs() < 10) {
                keys.fail(
                        "flink.checkpoint.intervalMs",
                        "must be >= 10 ms, got " + f.checkpoint().intervalMs());
            }
            if (f.checkpoint().dir() != null && !f.checkpoint().dir().contains("://")) {
                Path d = r.resolve(f.checkpoint().dir());
                try {
                    Files.createDirectories(d);
                } catch (IOException e) {
                    keys.fail("flink.checkpoint.dir", "cannot create " + d + ": " + e.getMessage());
                }
                if (!Files.isWritable(d)) {
                    keys.fail("flink.checkpoint.dir", d + " is not writable");
                }
            }
        }
        if (f.restart() != null) {
            String s = f.restart().strategy();
            if (s == null || !RESTARTS.contains(s.toLowerCase(Locale.ROOT))) {
                keys.fail("flink.restart.strategy", "'" + s + "' is not one of " + RESTARTS);
            }
            if (f.restart().attempts() != null && f.restart().attempts() < 0) {
                keys.fail(
                        "flink.restart.attempts",
                        "must be >= 0, got " + f.restart().attempts());
            }
            if (f.restart().delayMs() != null && f.restart().delayMs() < 0) {
                keys.fail(
                        "flink.restart.delayMs",
                        "must be >= 0, got " + f.restart().delayMs());
            }
        }
    }
}
