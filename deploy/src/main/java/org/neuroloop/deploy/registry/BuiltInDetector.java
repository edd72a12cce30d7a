package org.neuroloop.deploy.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.deep.spindles.flink.SpindleNetDetectionFunction;
import org.neuroloop.classifiers.detect.ThresholdParameters;
import org.neuroloop.classifiers.detect.flink.ThresholdDetectionFunction;
import org.neuroloop.classifiers.sleep.SlowOscillationParameters;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.classifiers.sleep.flink.SlowOscillationTargetFunction;
import org.neuroloop.classifiers.sleep.flink.SpindleDetectionFunction;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;

/** NeuroLoop's own detectors, registered in {@link Detectors} under their YAML names. */
public enum BuiltInDetector {
    /** Causal sigma-band spindle detector ({@link SpindleParameters}); acts on each spindle's onset decision. */
    SPINDLES(new Spindles()),
    /** Slow-oscillation up-state targeter ({@link SlowOscillationParameters} and {@code targetPhaseDeg}). */
    SLOW_OSCILLATIONS(new SlowOscillations()),
    /** Amplitude or band power on chosen channels with hysteresis ({@link ThresholdParameters}). */
    THRESHOLD(new Threshold()),
    /** The online spindle network ({@link SpindleNetModel}, key {@code model: NET.model}); acts on each onset. */
    SPINDLE_NET(new SpindleNet());

    private final DetectorType type;

    BuiltInDetector(DetectorType type) {
        this.type = type;
    }

    public DetectorType type() {
        return type;
    }

    static final class SpindleNet implements DetectorType {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "spindle-net";
        }

        @Override
        public String description() {
            return "online spindle network (DJL/PyTorch, from 'neuroloop train spindles'); key model: NET.model";
        }

        /** The model's JSON, so the parameters serialise with the job and the file is read once, at resolution. */
        @Override
        public Serializable parameters(Map<String, Object> keys) {
            for (String k : keys.keySet()) {
                if (!k.equals("model")) {
                    throw new IllegalArgumentException(k + ": unknown parameter (expected: model)");
                }
            }
            Object model = keys.get("model");
            if (!(model instanceof String path)) {
                throw new IllegalArgumentException("model: the spindle network file is required (model: NET.model)");
            }
            try {
                return SpindleNetModel.load(Path.of(path)).toJson().toString();
            } catch (IOException e) {
                throw new IllegalArgumentException("model: cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        /** The model's settings and event rule, without its weights. */
        @SuppressWarnings("unchecked")
        @Override
        public Map<String, Object> printable(Serializable parameters) {
            try {
                Map<String, Object> m = new ObjectMapper().readValue((String) parameters, Map.class);
                m.remove("djl_parameters");
                return m;
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "spindle-net parameters are not the model JSON: " + e.getMessage(), e);
            }
        }

        @Override
        public Set<String> triggers() {
            return Set.of("spindle-onset");
        }

        @Override
        public KeyedProcessFunction<String, Chunk, DetectedEvent> operator(int[] channels, Serializable parameters) {
            try {
                return new SpindleNetDetectionFunction(
                        SpindleNetModel.fromJson(new ObjectMapper().readTree((String) parameters)), channels[0]);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "spindle-net parameters are not the model JSON: " + e.getMessage(), e);
            }
        }
    }

    static final class Spindles implements DetectorType {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "spindles";
        }

        @Override
        public String description() {
            return "causal sleep-spindle detector (sigma RMS, relative sigma power, correlation; adaptive thresholds)";
        }

        @Override
        public Serializable parameters(Map<String, Object> keys) {
            return RecordParameters.overlay(SpindleParameters.defaults(), keys);
        }

        @Override
        public Set<String> triggers() {
            return Set.of("spindle-onset");
        }

        @Override
        public KeyedProcessFunction<String, Chunk, DetectedEvent> operator(int[] channels, Serializable parameters) {
            return new SpindleDetectionFunction(channels[0], (SpindleParameters) parameters);
        }
    }

    /**
     * The slow-oscillation parameters and the target phase.
     *
     * @param targetPhaseDeg phase to stimulate at, degrees (0 = up-state peak)
     */
    public record SlowOscillationSettings(SlowOscillationParameters targeter, double targetPhaseDeg)
            implements Serializable {}

    static final class SlowOscillations implements DetectorType {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "slow-oscillations";
        }

        @Override
        public String description() {
            return "slow-oscillation up-state targeter (negative half-waves, phase of the up-state);"
                    + " key targetPhaseDeg";
        }

        @Override
        public Serializable parameters(Map<String, Object> keys) {
            Map<String, Object> rest = new HashMap<>(keys);
            Object target = rest.remove("targetPhaseDeg");
            double deg = target == null ? 0 : ((Number) target).doubleValue();
            return new SlowOscillationSettings(
                    RecordParameters.overlay(SlowOscillationParameters.defaults(), rest), deg);
        }

        @Override
        public Set<String> triggers() {
            return Set.of("so-upstate");
        }

        @Override
        public KeyedProcessFunction<String, Chunk, DetectedEvent> operator(int[] channels, Serializable parameters) {
            SlowOscillationSettings s = (SlowOscillationSettings) parameters;
            return new SlowOscillationTargetFunction(channels[0], s.targeter(), s.targetPhaseDeg());
        }
    }

    static final class Threshold implements DetectorType {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "threshold";
        }

        @Override
        public String description() {
            return "amplitude or band power of the chosen channels crossing 'on', re-armed below 'off'";
        }

        @Override
        public boolean multiChannel() {
            return true;
        }

        @Override
        public Serializable parameters(Map<String, Object> keys) {
            return RecordParameters.overlay(ThresholdParameters.defaults(), keys);
        }

        @Override
        public Set<String> triggers() {
            return Set.of(ThresholdDetectionFunction.KIND);
        }

        @Override
        public KeyedProcessFunction<String, Chunk, DetectedEvent> operator(int[] channels, Serializable parameters) {
            return new ThresholdDetectionFunction(channels, (ThresholdParameters) parameters);
        }
    }
}
