package org.neuroloop.deploy.job;

import java.util.List;
import java.util.Map;

/**
 * What every session runs after its source: bad-data flagging, causal filters, re-referencing, window features,
 * then a classifier or a detector, then the stimulation policy.
 */
public record PipelineSpec(QualitySpec quality, List<FilterSpec> filters, ReferenceSpec reference,
                           FeaturesSpec features, ClassifierSpec classifier, DetectorSpec detector,
                           PolicySpec policy) {

    static final PipelineSpec EMPTY = new PipelineSpec(null, null, null, null, null, null, null);

    public PipelineSpec {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** Bad-data criteria; missing values take {@code QualityCriteria.eegDefaults}. */
    public record QualitySpec(Integer channels, Double flatMicrovolts, Double flatSeconds, Double clipMicrovolts,
                              Integer clipSamples, Double clockJumpSeconds, Double staleSeconds) {
    }

    /**
     * A causal IIR filter: {@code type} bandpass/lowpass/highpass/bandstop (Butterworth of {@code order}) or
     * notch ({@code freq}, {@code q}). Cut-offs in Hz.
     */
    public record FilterSpec(String type, Double low, Double high, Integer order, Double freq, Double q) {
    }

    /** Re-referencing: {@code type} "average" (common average) or "channels" (mean of {@code channels}). */
    public record ReferenceSpec(String type, List<String> channels) {
    }

    /** Window features computed from the filtered stream. */
    public record FeaturesSpec(BandPowerSpec bandpower, CovarianceSpec covariance) {
    }

    /** Welch band power on a sliding window; {@code bands} maps a name to [low, high] Hz. */
    public record BandPowerSpec(Double windowSeconds, Double stepSeconds, Map<String, List<Double>> bands,
                                Boolean relative) {
    }

    /** Sliding-window covariance ("scm", "lwf", "oas") and its tangent-space vector. */
    public record CovarianceSpec(Double windowSeconds, Double stepSeconds, String estimator) {
    }

    /** A trained classifier: {@code type} "mi"; {@code model} the model JSON; {@code targetClass} drives the policy. */
    public record ClassifierSpec(String type, String model, Double stepSeconds, Integer targetClass, Boolean recenter) {
    }

    /** An event detector: {@code type} "spindles" or "slow-oscillations", on {@code channel}. */
    public record DetectorSpec(String type, String channel, Double targetPhaseDeg) {
    }

    /** Stimulation policy; missing values take {@code PolicyConfig.defaults()}. */
    public record PolicySpec(String action, Double onThreshold, Double offThreshold, Integer minConsecutive,
                             Double refractorySeconds, Integer maxPerMinute, Integer sessionBudget,
                             Double maxLeadSeconds, Double lateToleranceSeconds, Boolean sham, Boolean armedAtStart) {
    }
}
