package org.neuroloop.classifiers.sleep;

import java.io.Serializable;

/**
 * Settings of the sigma-band spindle detector ({@link SpindleDetector}, {@link OfflineSpindleDetector}).
 *
 * <p>Defaults and why (chosen on DREAMS excerpts 1–4 only, then frozen):
 * <ul>
 *   <li>sigma 11–16 Hz, broadband 1–30 Hz (capped at 0.45 fs, so 1–22.5 Hz at 50 Hz): the spindle band and the
 *       broadband of YASA / Lacourse et al. 2019 (A7). Second-order Butterworth band-passes: the group delay at
 *       13.5 Hz is 0.09 s against 0.16 s for fourth order, which the online delay budget (0.5 s) needs. The sigma
 *       filter runs on the broadband output, so sigma and broadband share phase and their correlation is
 * meaningful.</li>
 *   <li>0.3 s boxcar windows for sigma RMS, relative sigma power and sigma–broadband correlation (A7 uses 0.3 s).</li>
 *   <li>Adaptive thresholds: log sigma RMS and log relative sigma power are z-scored against the median and scaled MAD
 *       of their one-second means over the last 120 s (causal, robust to the spindles themselves); the
 *       correlation is used as is (it is already scale free). A spindle starts when z(RMS) ≥ 1.5, z(relative) ≥ 1.5
 *       and correlation ≥ 0.6 (YASA's default rms threshold is 1.5 SD, A7's correlation 0.69) and continues while
 *       z(RMS) ≥ 0.25 and correlation ≥ 0.2 (hysteresis for the boundaries).</li>
 *   <li>The detector fires after the start condition held for 0.05 s (10 samples at 200 Hz): one sample is too
 * noisy.</li>
 *   <li>Reported onset = first sample of the run minus 0.15 s, offset = first sample after it minus 0.25 s: the
 *       boxcar (0.15 s) and filter group delay shift the feature trace late, and the trailing window smears the
 *       end by its length.</li>
 *   <li>Duration 0.3–3 s after correction (AASM: spindles last ≥ 0.5 s; the causal boundaries are conservative).</li>
 * </ul>
 *
 * @param sigmaLowHz lower sigma edge
 * @param sigmaHighHz upper sigma edge
 * @param broadLowHz lower broadband edge
 * @param broadHighHz upper broadband edge (used up to 0.45 fs)
 * @param filterOrder Butterworth order N of both band-passes (2N poles)
 * @param windowSeconds boxcar window of the power and correlation features
 * @param baselineSeconds span of the running robust baseline
 * @param warmupSeconds baseline seconds needed before anything can be detected
 * @param zRmsStart start threshold on z(log sigma RMS)
 * @param zRelStart start threshold on z(log relative sigma power)
 * @param corrStart start threshold on the sigma–broadband correlation
 * @param zRmsKeep continuation threshold on z(log sigma RMS)
 * @param corrKeep continuation threshold on the correlation
 * @param fireSeconds how long the start condition must hold before firing
 * @param onsetLagSeconds subtracted from the run's first sample time to estimate the onset
 * @param offsetLagSeconds subtracted from the time of the first sample after the run to estimate the offset
 * @param minDurationSeconds shortest accepted spindle
 * @param maxDurationSeconds longest accepted spindle
 */
public record SpindleParameters(
        double sigmaLowHz,
        double sigmaHighHz,
        double broadLowHz,
        double broadHighHz,
        int filterOrder,
        double windowSeconds,
        double baselineSeconds,
        double warmupSeconds,
        double zRmsStart,
        double zRelStart,
        double corrStart,
        double zRmsKeep,
        double corrKeep,
        double fireSeconds,
        double onsetLagSeconds,
        double offsetLagSeconds,
        double minDurationSeconds,
        double maxDurationSeconds)
        implements Serializable {

    public SpindleParameters {
        if (!(sigmaLowHz > 0 && sigmaHighHz > sigmaLowHz)) {
            throw new IllegalArgumentException(
                    "sigma band must satisfy 0 < low < high, got " + sigmaLowHz + "-" + sigmaHighHz + " Hz");
        }
        if (!(broadLowHz > 0 && broadHighHz > broadLowHz)) {
            throw new IllegalArgumentException(
                    "broadband must satisfy 0 < low < high, got " + broadLowHz + "-" + broadHighHz + " Hz");
        }
        if (filterOrder < 1
                || !(windowSeconds > 0)
                || !(baselineSeconds > 0)
                || !(warmupSeconds >= 0)
                || !(fireSeconds >= 0)
                || !(minDurationSeconds >= 0)
                || !(maxDurationSeconds > minDurationSeconds)) {
            throw new IllegalArgumentException("invalid spindle parameters: " + "order " + filterOrder + ", window "
                    + windowSeconds
                    + " s, baseline " + baselineSeconds + " s, warm-up " + warmupSeconds + " s, fire " + fireSeconds
                    + " s, duration " + minDurationSeconds + "-" + maxDurationSeconds + " s");
        }
    }

    /** The frozen defaults described above. */
    public static SpindleParameters defaults() {
        return new SpindleParameters(
                11, 16, 1, 30, 2, 0.3, 120, 10, 1.5, 1.5, 0.6, 0.25, 0.2, 0.05, 0.15, 0.25, 0.3, 3.0);
    }

    /**
     * Thresholds for {@link OfflineSpindleDetector}: zero-phase filters keep sigma and broadband in phase, so the
     * correlation is higher everywhere and a whole-recording baseline is wider than a 120 s one; on excerpts 1–4 the
     * offline detector needs z ≥ 2 / 2, correlation ≥ 0.8 to start and z ≥ 0.5, correlation ≥ 0.6 to continue. No lags.
     */
    public static SpindleParameters offlineDefaults() {
        return new SpindleParameters(11, 16, 1, 30, 2, 0.3, 120, 10, 2.0, 2.0, 0.8, 0.5, 0.6, 0.05, 0, 0, 0.3, 3.0);
    }

    /** Broadband upper edge actually used at sampling rate {@code fs}. */
    public double broadHighAt(double fs) {
        return Math.min(broadHighHz, 0.45 * fs);
    }

    /** Checks the bands fit the sampling rate. */
    public void checkRate(double fs) {
        if (!(fs > 0) || sigmaHighHz >= 0.5 * fs || broadLowHz >= broadHighAt(fs)) {
            throw new IllegalArgumentException("sampling rate " + fs + " Hz cannot carry the sigma band " + sigmaLowHz
                    + "-" + sigmaHighHz + " Hz (needs fs > " + 2 * sigmaHighHz + " Hz)");
        }
    }
}
