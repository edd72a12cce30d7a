package org.neuroloop.deploy.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.deploy.registry.DetectorType;
import org.neuroloop.dsp.covariance.CovarianceEstimator;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.quality.QualityCriteria;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.ingest.flink.RecordingSource;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;
import org.neuroloop.lsl4j.LslConfigFile;

/**
 * A session config after {@link ConfigResolver}: every default applied, kinds as enums or registered types, paths
 * absolute, models loaded and checked. The job ({@code NeuroLoopJob}) reads only this; nothing downstream applies a
 * default of its own. {@code neuroloop check CONFIG.yaml} prints it ({@link ResolvedConfigYaml}).
 *
 * @param name job name
 * @param sessions the sessions, each with its source
 * @param pipeline what every session runs
 * @param outputs where the job's streams go
 * @param flink how Flink runs the job
 * @param clock the policy's decision clock: {@link DecisionClock#LSL} when every session is live, else the
 *              recording's clock
 * @param control whether control markers from the sessions' marker streams reach the policy
 * @param lslConfig the {@code lsl_api.cfg} (path and content) every LSL source and output of the job uses, carried
 *                  in the config so it reaches TaskManagers that cannot see the file; null = the settings of the
 *                  process each endpoint runs in
 */
public record ResolvedConfig(
        String name,
        List<Session> sessions,
        Pipeline pipeline,
        List<Output> outputs,
        Flink flink,
        DecisionClock clock,
        Control control,
        LslConfigFile lslConfig) {

    /** Which source a session reads. */
    public enum SourceKind {
        LSL,
        RECORDING,
        SYNTHETIC
    }

    /** Classifier kinds: a motor-imagery model from {@code train mi} (Riemannian, CSP) or a fine-tuned simpleconv. */
    public enum ClassifierKind {
        MI,
        SIMPLECONV
    }

    /** Output transports. */
    public enum OutputKind {
        LSL,
        UDP,
        SERIAL,
        AUDIO,
        JSONL
    }

    /** The job's result streams an output can receive. */
    public enum StreamKind {
        COMMANDS,
        EVENTS,
        PREDICTIONS,
        FEATURES
    }

    /** Where the policy's control (arm, disarm, stop, reset) comes from. */
    public enum Control {
        NONE,
        MARKERS
    }

    /**
     * One session.
     *
     * @param lsl the EEG stream's source settings (LSL sessions)
     * @param markers the session's marker stream (LSL sessions that name one), else null
     * @param recording the file and its replay settings (recording sessions)
     * @param synthetic the generator (synthetic sessions); {@code paced} says whether it follows the LSL clock
     * @param channelLabels the stream's channels when known before start (synthetic, recordings), else null
     */
    public record Session(
            String id,
            SourceKind kind,
            LslSourceSettings lsl,
            LslSourceSettings markers,
            RecordingSource.RecordingFile recording,
            RecordingSource.Settings recordingSettings,
            SyntheticEegConfig synthetic,
            boolean paced,
            List<String> channelLabels) {}

    /**
     * @param quality bad-data criteria
     * @param staleMillis processing time without samples after which a live session is flagged stale; 0 = off
     *                    (always off on the recording clock)
     * @param filters causal filter stages, in order (for a classifier: its model's band)
     * @param reference re-reference: null = none, empty = common average, else the channels to average
     * @param bandpower band-power features, or null
     * @param covariance covariance / tangent-space features, or null
     * @param classifier the classifier, or null
     * @param detector the detector, or null
     * @param policy the stimulation policy, or null
     */
    public record Pipeline(
            QualityCriteria quality,
            long staleMillis,
            List<FilterStage> filters,
            int[] reference,
            BandPower bandpower,
            Covariance covariance,
            Classifier classifier,
            Detector detector,
            PolicyConfig policy) {}

    /** Welch band power on a sliding window. */
    public record BandPower(
            double windowSeconds,
            double stepSeconds,
            double segmentSeconds,
            List<String> names,
            double[][] bands,
            boolean relative) {}

    /** Sliding-window covariance and its tangent-space vector. */
    public record Covariance(double windowSeconds, double stepSeconds, CovarianceEstimator estimator) {}

    /**
     * A loaded classifier model and how its predictions drive the policy.
     *
     * @param model the motor-imagery model ({@link ClassifierKind#MI}), else null
     * @param network the subject-fine-tuned network ({@link ClassifierKind#SIMPLECONV}), else null
     */
    public record Classifier(
            ClassifierKind kind,
            Path modelPath,
            MotorImageryModel model,
            SimpleConvModel network,
            double stepSeconds,
            int targetClass,
            boolean recenter) {

        /** The band the model was trained on, which the job applies in front of it. */
        public Band band() {
            return kind == ClassifierKind.MI ? model.band() : network.band();
        }

        /** One line saying what the model is. */
        public String describe() {
            return kind == ClassifierKind.MI
                    ? model.spec().describe()
                    : "simpleconv, " + network.config().filters() + " maps, pretrained on "
                            + network.subjects().size() + " subjects, fine-tuned";
        }
    }

    /**
     * A registered detector with its parameters (defaults overlaid with the YAML keys).
     *
     * @param channelNames what the config named (labels or indices), for printing
     * @param channels the channel indices
     */
    public record Detector(DetectorType type, List<String> channelNames, int[] channels, Serializable parameters) {}

    /**
     * One output.
     *
     * @param transport the command transport (null for JSONL)
     * @param jsonl the JSONL file (JSONL outputs), else null
     * @param streams which result streams it receives
     */
    public record Output(String name, OutputKind kind, TransportSpec transport, Path jsonl, Set<StreamKind> streams) {}

    /**
     * @param checkpointIntervalMs 0 = no checkpoints
     * @param checkpointDir a URI (file:// for local paths), or null for JobManager memory
     * @param restartStrategy "none", "fixed-delay" or "exponential-delay", or null for Flink's default
     */
    public record Flink(
            int parallelism,
            long bufferTimeoutMs,
            boolean objectReuse,
            long checkpointIntervalMs,
            String checkpointDir,
            String restartStrategy,
            int restartAttempts,
            long restartDelayMs) {}

    /** The same config on another decision clock (a live config replayed on its recording's clock, say). */
    public ResolvedConfig withClock(DecisionClock newClock) {
        return new ResolvedConfig(
                name,
                sessions,
                pipeline,
                outputs,
                flink,
                newClock,
                newClock == DecisionClock.LSL ? control : Control.NONE,
                lslConfig);
    }
}
