package org.neuroloop.deploy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.deploy.config.ResolvedConfig.Control;
import org.neuroloop.deploy.config.ResolvedConfig.SourceKind;
import org.neuroloop.deploy.registry.DetectorType;
import org.neuroloop.deploy.registry.Detectors;
import org.neuroloop.dsp.covariance.CovarianceEstimator;
import org.neuroloop.dsp.filter.FilterKind;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.quality.QualityCriteria;
import org.neuroloop.dsp.record.StreamMeta;
import org.neuroloop.lsl4j.LslConfigFile;
import org.neuroloop.lsl4j.LslException;

/**
 * Turns a parsed {@link SessionConfig} into a {@link ResolvedConfig}, once: every problem that can be known without
 * data (missing files and models, filters that cannot exist at the stream's rate, unknown detector parameters,
 * outputs that cannot be reached) fails with a {@link ConfigException} naming the key; every default is applied
 * here and nowhere else. Relative paths resolve against the config file's directory.
 *
 * <p>Defaults: synthetic sessions 8 channels at 250 Hz, 60 s, seed 42, chunks of rate/100 samples, real time;
 * recordings in real time; LSL clock sync and dejitter on; bad-data criteria of
 * {@link QualityCriteria#eegDefaults}, stale after 2 s; filters order 4, notch q 30; band-power step window/4;
 * covariance step min(0.1 s, window), estimator oas; classifier step 0.1 s, target class 1; detector channel 0
 * and the detector's own parameter defaults; {@link PolicyConfig#defaults()}; LSL output {@code NeuroLoop-Stim};
 * UDP 127.0.0.1, address {@code /neuroloop/stim}; serial 115200 baud, 10 ms pulse; audio 0.05 s at -20 dBFS;
 * outputs receive commands; parallelism 1, buffer timeout 0 ms; no {@code lsl.config}: every LSL source and output
 * uses the settings of the process it runs in (lsl4j's {@code lsl_api.cfg} search, else loopback only).
 */
public final class ConfigResolver {
    static final Set<String> SCENARIOS = Set.of("mi", "spindles", "slow-oscillations", "noise");
    /** Channels the synthetic default montage starts with: the motor and midline sites the pipelines use. */
    static final List<String> PREFERRED = List.of("C3", "C4", "Cz", "Fz", "Pz", "F3", "F4", "P3", "P4", "O1", "O2");

    static final double SYNTHETIC_RATE = 250;
    static final int SYNTHETIC_CHANNELS = 8;

    private final String source;
    private final Path baseDir;
    private final ConfigChecks checks;

    /**
     * @param source names the config in errors (its file)
     * @param baseDir folder relative paths resolve against (the config file's), or null for the working directory
     */
    public ConfigResolver(String source, Path baseDir) {
        this.source = source;
        this.baseDir = baseDir;
        this.checks = new ConfigChecks(this);
    }

    /** A resolver for a config file: errors name it, relative paths resolve against its folder. */
    public static ConfigResolver forFile(Path file) {
        return new ConfigResolver(file.toString(), file.toAbsolutePath().getParent());
    }

    /** Loads and resolves {@code file}. */
    public static ResolvedConfig load(Path file) {
        return forFile(file).resolve(SessionConfigLoader.load(file));
    }

    /** Resolves {@code config}, or fails with the first problem. */
    public ResolvedConfig resolve(SessionConfig config) {
        checks.check(config);
        LslConfigFile lsl = lslConfig(config.lsl());
        List<ResolvedConfig.Session> sessions = new ArrayList<>();
        for (int i = 0; i < config.sessions().size(); i++) {
            sessions.add(new SessionResolver(this)
                    .session("sessions[" + i + "]", config.sessions().get(i), config.name(), lsl));
        }
        boolean live = sessions.stream().allMatch(s -> s.kind() == SourceKind.LSL || s.paced());
        DecisionClock clock = live ? DecisionClock.LSL : DecisionClock.RECORDING;
        ResolvedConfig.Pipeline pipeline = new PipelineResolver(this).resolve(config.pipeline(), sessions, clock);
        Control control = control(config.pipeline().policy(), sessions, clock);
        List<ResolvedConfig.Output> outputs = new ArrayList<>();
        for (int i = 0; i < config.outputs().size(); i++) {
            outputs.add(new OutputResolver(this)
                    .output("outputs[" + i + "]", config.outputs().get(i), config.name(), i, lsl));
        }
        return new ResolvedConfig(
                config.name(), sessions, pipeline, outputs, flink(config.flink(), clock), clock, control, lsl);
    }

    /** The file named by {@code lsl.config}, read now so its settings travel with the job; null when none is named. */
    private LslConfigFile lslConfig(LslSpec spec) {
        if (spec == null || spec.config() == null) {
            return null;
        }
        if (spec.config().isBlank()) {
            throw fail("lsl.config", "empty: name an lsl_api.cfg, or leave the key out for the process's settings");
        }
        Path file = resolve(spec.config()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw fail("lsl.config", "no readable lsl_api.cfg at " + file);
        }
        try {
            return LslConfigFile.read(file);
        } catch (LslException e) {
            throw fail("lsl.config", e.getMessage(), e);
        }
    }

    private Control control(PipelineSpec.PolicySpec p, List<ResolvedConfig.Session> sessions, DecisionClock clock) {
        boolean markers = sessions.stream().anyMatch(s -> s.markers() != null);
        String want = p == null ? null : p.control();
        if (want == null) {
            return clock == DecisionClock.LSL && markers ? Control.MARKERS : Control.NONE;
        }
        return switch (want.toLowerCase(Locale.ROOT)) {
            case "none" -> Control.NONE;
            case "markers" -> {
                if (!markers) {
                    throw fail("pipeline.policy.control", "markers: no session names a marker stream (lsl.markers)");
                }
                yield clock == DecisionClock.LSL ? Control.MARKERS : Control.NONE;
            }
            default -> throw fail("pipeline.policy.control", "'" + want + "' is not markers or none");
        };
    }

    /**
     * Object reuse (default: on for live jobs) hands each record to the next chained operator without a defensive
     * copy, which the live path's latency and allocation budget need; NeuroLoop's operators never modify or keep
     * their inputs. Replay keeps Flink's copies.
     */
    private ResolvedConfig.Flink flink(FlinkSpec f, DecisionClock clock) {
        var cp = f.checkpoint();
        String dir = null;
        if (cp != null && cp.dir() != null) {
            dir = cp.dir().contains("://")
                    ? cp.dir()
                    : resolve(cp.dir()).toAbsolutePath().toUri().toString();
        }
        var r = f.restart();
        String strategy = r == null ? null : r.strategy().toLowerCase(Locale.ROOT);
        boolean reuse = f.objectReuse() == null ? clock == DecisionClock.LSL : f.objectReuse();
        return new ResolvedConfig.Flink(
                f.parallelism() == null ? 1 : f.parallelism(),
                f.bufferTimeoutMs() == null ? 0 : f.bufferTimeoutMs(),
                reuse,
                cp == null ? 0 : cp.intervalMs(),
                dir,
                strategy,
                r == null || r.attempts() == null ? 3 : r.attempts(),
                r == null || r.delayMs() == null ? Duration.ofSeconds(1).toMillis() : r.delayMs());
    }

    /** Parses a replay speed: "max" (0), "realtime" (1, also when unset) or a positive factor. */
    double speed(String key, String speed) {
        if (speed == null || speed.equalsIgnoreCase("realtime")) {
            return 1.0;
        }
        if (speed.equalsIgnoreCase("max")) {
            return 0.0;
        }
        try {
            double f = Double.parseDouble(speed);
            if (f > 0 && Double.isFinite(f)) {
                return f;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw fail(key, "'" + speed + "' is not max, realtime or a positive factor");
    }

    /**
     * Loads the MI model at {@code path}; a file that is not a model fails naming {@code pipeline.classifier.model}.
     */
    MotorImageryModel miModel(String path) {
        Path m = resolve(path);
        try {
            return MotorImageryModel.load(m);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    source, "pipeline.classifier.model", "cannot load " + m + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the fine-tuned simpleconv model at {@code path}; a file that is not one, or a pretrained model without
     * a subject alignment, fails naming {@code pipeline.classifier.model}.
     */
    SimpleConvModel simpleConvModel(String path) {
        Path m = resolve(path);
        SimpleConvModel model;
        try {
            model = SimpleConvModel.load(m);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    source, "pipeline.classifier.model", "cannot load " + m + ": " + e.getMessage(), e);
        }
        if (model.alignment() == null) {
            throw new ConfigException(
                    source,
                    "pipeline.classifier.model",
                    m + " is a pretrained simpleconv model"
                            + " without a subject alignment; fine-tune it on the subject first"
                            + " (neuroloop train mi --pipeline simpleconv --pretrained PRE.model --recording ... --out M)");
        }
        return model;
    }

    /** {@code path} relative to the config's directory unless absolute. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }

    ConfigException fail(String key, String message) {
        return new ConfigException(source, key, message);
    }

    ConfigException fail(String key, String message, Throwable cause) {
        return new ConfigException(source, key, message, cause);
    }

    /** Index of {@code want} (a 0-based index or a label) in {@code labels}; labels may be null (not yet known). */
    int channelIndex(String key, String want, List<ResolvedConfig.Session> sessions) {
        if (want.matches("\\d+")) {
            return Integer.parseInt(want);
        }
        Integer index = null;
        for (ResolvedConfig.Session s : sessions) {
            List<String> labels = s.channelLabels();
            if (labels == null) {
                throw fail(
                        key,
                        "'" + want + "': the channels of session " + s.id()
                                + " are known only once its LSL stream is resolved; give the channel's 0-based index instead");
            }
            int i = new StreamMeta(s.id(), "", "", "", labels, Collections.nCopies(labels.size(), ""), 0).indexOf(want);
            if (i < 0) {
                throw fail(key, "'" + want + "' is not a channel of session " + s.id() + " " + labels);
            }
            if (index != null && index != i) {
                throw fail(
                        key,
                        "'" + want + "' is channel " + index + " in one session and " + i + " in session " + s.id()
                                + "; one job needs the same montage");
            }
            index = i;
        }
        return index == null ? 0 : index;
    }

    /** The model's band as the one filter stage, when the config leaves filters out. */
    static List<FilterStage> modelBand(Band band) {
        return List.of(FilterStage.bandpass(Band.ORDER, band.low(), band.high()));
    }

    static FilterStage filterStage(PipelineSpec.FilterSpec f) {
        FilterKind kind = FilterKind.parse(f.type());
        int order = f.order() == null ? 4 : f.order();
        return kind == FilterKind.NOTCH
                ? FilterStage.notch(f.freq(), f.q() == null ? 30 : f.q())
                : new FilterStage(
                        kind,
                        order,
                        f.low() == null ? Double.NaN : f.low(),
                        f.high() == null ? Double.NaN : f.high(),
                        Double.NaN);
    }

    static boolean detectorKnown(String type) {
        return Detectors.find(type).isPresent();
    }

    static DetectorType detector(String type) {
        return Detectors.find(type).orElseThrow();
    }

    static Set<String> uniqueIds(List<SessionSpec> sessions) {
        Set<String> ids = new HashSet<>();
        sessions.forEach(s -> ids.add(s.id()));
        return ids;
    }

    static boolean readable(Path p) {
        return Files.isReadable(p);
    }

    static PolicyConfig policy(PipelineSpec.PolicySpec s) {
        PolicyConfig d = PolicyConfig.defaults();
        return new PolicyConfig(
                or(s.action(), d.action()),
                or(s.onThreshold(), d.onThreshold()),
                or(s.offThreshold(), s.onThreshold() != null ? s.onThreshold() : d.offThreshold()),
                or(s.minConsecutive(), d.minConsecutive()),
                or(s.refractorySeconds(), d.refractorySeconds()),
                or(s.maxPerMinute(), d.maxPerMinute()),
                or(s.sessionBudget(), d.sessionBudget()),
                or(s.maxLeadSeconds(), d.maxLeadSeconds()),
                or(s.lateToleranceSeconds(), d.lateToleranceSeconds()),
                or(s.sham(), d.sham()),
                or(s.armedAtStart(), d.armedAtStart()),
                or(s.maxDecisionAgeSeconds(), d.maxDecisionAgeSeconds()));
    }

    private static <T> T or(T v, T d) {
        return v == null ? d : v;
    }

    static CovarianceEstimator estimator(String name) {
        return CovarianceEstimator.parse(name == null ? "oas" : name);
    }
}
