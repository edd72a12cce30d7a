package org.neuroloop.deploy.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every session runs after its source, as written in YAML (missing values are null; {@link ConfigResolver}
 * applies the defaults): bad-data flagging, causal filters, re-referencing, window features, then a classifier or
 * a detector, then the stimulation policy.
 */
public record PipelineSpec(
        QualitySpec quality,
        List<FilterSpec> filters,
        ReferenceSpec reference,
        FeaturesSpec features,
        ClassifierSpec classifier,
        DetectorSpec detector,
        PolicySpec policy) {

    static final PipelineSpec EMPTY = new PipelineSpec(null, null, null, null, null, null, null);

    public PipelineSpec {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** Bad-data criteria. */
    public record QualitySpec(
            Integer channels,
            Double flatMicrovolts,
            Double flatSeconds,
            Double clipMicrovolts,
            Integer clipSamples,
            Double clockJumpSeconds,
            Double staleSeconds) {}

    /**
     * A causal IIR filter: {@code type} bandpass/lowpass/highpass/bandstop (Butterworth of {@code order}) or
     * notch ({@code freq}, {@code q}). Cut-offs in Hz.
     */
    public record FilterSpec(String type, Double low, Double high, Integer order, Double freq, Double q) {}

    /** Re-referencing: {@code type} "average" (common average) or "channels" (mean of {@code channels}). */
    public record ReferenceSpec(String type, List<String> channels) {}

    /** Window features computed from the filtered stream. */
    public record FeaturesSpec(BandPowerSpec bandpower, CovarianceSpec covariance) {}

    /** Welch band power on a sliding window; {@code bands} maps a name to [low, high] Hz. */
    public record BandPowerSpec(
            Double windowSeconds, Double stepSeconds, Map<String, List<Double>> bands, Boolean relative) {}

    /** Sliding-window covariance ("scm", "lwf", "oas") and its tangent-space vector. */
    public record CovarianceSpec(Double windowSeconds, Double stepSeconds, String estimator) {}

    /**
     * A trained classifier: {@code type} "mi" (a model JSON from {@code train mi}) or "simpleconv" (a model fine-tuned
     * on the subject by {@code train mi --pipeline simpleconv --pretrained}); {@code targetClass} drives the policy.
     */
    public record ClassifierSpec(
            String type, String model, Double stepSeconds, Integer targetClass, Boolean recenter) {}

    /**
     * An event detector: {@code type} names a registered detector ({@link org.neuroloop.deploy.registry.Detectors});
     * {@code channel} (one label or 0-based index) or {@code channels} (a list) say what it watches; every other key
     * is one of that detector's parameters, e.g. {@code {type: spindles, channel: C3, zRmsStart: 2.0}}.
     */
    public record DetectorSpec(String type, String channel, List<String> channels, Map<String, Object> parameters) {

        public DetectorSpec {
            channels = channels == null ? null : List.copyOf(channels);
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static DetectorSpec fromYaml(Map<String, Object> yaml) {
            Map<String, Object> rest = new LinkedHashMap<>(yaml);
            Object type = rest.remove("type");
            Object channel = rest.remove("channel");
            Object channels = rest.remove("channels");
            List<String> labels = null;
            if (channels instanceof List<?> list) {
                labels = list.stream().map(String::valueOf).toList();
            } else if (channels != null) {
                labels = List.of(String.valueOf(channels));
            }
            return new DetectorSpec(
                    type == null ? null : String.valueOf(type),
                    channel == null ? null : String.valueOf(channel),
                    labels,
                    rest);
        }

        @JsonValue
        Map<String, Object> toYaml() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            if (channel != null) {
                m.put("channel", channel);
            }
            if (channels != null) {
                m.put("channels", channels);
            }
            m.putAll(parameters);
            return m;
        }

        /** The same detector on another channel. */
        public DetectorSpec withChannel(String newChannel) {
            return new DetectorSpec(type, newChannel, null, parameters);
        }
    }

    /**
     * Stimulation policy; see {@link org.neuroloop.closedloop.policy.PolicyConfig} for the fields. {@code control}:
     * "markers" (arm/disarm/stop from the sessions' marker streams; the default when a live session has one) or
     * "none" (arming from {@code armedAtStart} only; the policy then chains with the detector).
     */
    public record PolicySpec(
            String action,
            Double onThreshold,
            Double offThreshold,
            Integer minConsecutive,
            Double refractorySeconds,
            Integer maxPerMinute,
            Integer sessionBudget,
            Double maxLeadSeconds,
            Double lateToleranceSeconds,
            Boolean sham,
            Boolean armedAtStart,
            Double maxDecisionAgeSeconds,
            String control) {}
}
