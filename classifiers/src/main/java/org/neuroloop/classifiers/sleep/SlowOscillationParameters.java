package org.neuroloop.classifiers.sleep;

import java.io.Serializable;

/**
 * Settings of the slow-oscillation detector and phase targeter ({@link SlowOscillationTargeter}).
 *
 * <p>Defaults: negative half-waves are found in a causal second-order Butterworth 0.5–4 Hz band-pass; a half-wave
 * (downward to upward zero crossing) counts as a slow oscillation when it lasts 0.25–1.0 s (the half period of
 * 0.5–2 Hz) and its trough is at or below −40 µV (Massimini et al. 2004 use −80 µV peak-to-peak criteria on
 * average-referenced data; −40 µV on the band-passed mastoid-referenced signal keeps the clear ones). The phase is
 * estimated with the endpoint-corrected Hilbert transform over the last 2 s, with a second-order 0.5–2 Hz
 * Butterworth response (the slow-oscillation band proper; Schreglmann et al. 2021). After a qualifying half-wave the
 * targeter waits up to 1 s for the target phase, and stimulates only if the ecHT amplitude (the 0.5–2 Hz analytic
 * amplitude) is at least 55 µV when the target is reached: a phase is only meaningful for a large oscillation
 * (55 µV ≈ 110 µV peak to peak, above the AASM 75 µV slow-wave criterion). On DREAMS excerpts 1–4 (N3) this
 * amplitude gate trades targets for precision (pooled targets / circular mean / circular SD, with the phase
 * calibration below): none 463 / −2.3° / 57°, 45 µV 210 / −4.4° / 32°, 55 µV 146 / −4.4° / 24°, 65 µV 93 / −5.0° / 22°.
 * The gate sets the spread only; the mean is within ±5° for all of them.
 *
 * <p>The endpoint estimate's phase is offset by the ecHT filter's phase response weighted by the signal's own
 * spectrum (on DREAMS excerpt 2 it leads the offline reference by about 20° at every phase: energy below the 1 Hz
 * centre of the 0.5–2 Hz band, where a causal band-pass leads). The targeter measures that offset online against a
 * delayed, centred zero-phase estimate over an exponential window of {@code calibrationSeconds} (30 s, one scoring
 * epoch, i.e. some 25 slow-oscillation cycles; 60 s and 120 s give the same DREAMS figures within 1°) and subtracts it.
 * Without it the DREAMS N3 mean error was −17° (excerpt 2: −24°); with it −4.4°.
 *
 * @param detectLowHz lower edge of the half-wave detection band
 * @param detectHighHz upper edge of the half-wave detection band
 * @param minHalfWaveSeconds shortest negative half-wave
 * @param maxHalfWaveSeconds longest negative half-wave
 * @param troughMicrovolts trough must be at or below minus this value
 * @param phaseLowHz lower edge of the phase band (ecHT filter and offline reference)
 * @param phaseHighHz upper edge of the phase band
 * @param phaseWindowSeconds ecHT window length
 * @param waitSeconds how long after a qualifying half-wave the target may still be hit
 * @param leadSeconds stimulate this long before the predicted target (output latency compensation); 0: at the crossing
 * @param minAmplitudeMicrovolts ecHT amplitude needed to stimulate
 * @param calibrationSeconds time constant of the running phase-offset calibration of the endpoint estimate
 */
public record SlowOscillationParameters(
        double detectLowHz,
        double detectHighHz,
        double minHalfWaveSeconds,
        double maxHalfWaveSeconds,
        double troughMicrovolts,
        double phaseLowHz,
        double phaseHighHz,
        double phaseWindowSeconds,
        double waitSeconds,
        double leadSeconds,
        double minAmplitudeMicrovolts,
        double calibrationSeconds)
        implements Serializable {

    public SlowOscillationParameters {
        if (!(detectLowHz > 0 && detectHighHz > detectLowHz && phaseLowHz > 0 && phaseHighHz > phaseLowHz)) {
            throw new IllegalArgumentException("slow-oscillation bands need 0 < low < high: detect " + detectLowHz + "-"
                    + detectHighHz + " Hz, phase " + phaseLowHz + "-" + phaseHighHz + " Hz");
        }
        if (!(minHalfWaveSeconds > 0
                && maxHalfWaveSeconds > minHalfWaveSeconds
                && troughMicrovolts >= 0
                && phaseWindowSeconds > 0
                && waitSeconds > 0
                && leadSeconds >= 0
                && minAmplitudeMicrovolts >= 0
                && calibrationSeconds > 0)) {
            throw new IllegalArgumentException(
                    "invalid slow-oscillation parameters: half-wave " + minHalfWaveSeconds + "-"
                            + maxHalfWaveSeconds + " s, trough " + troughMicrovolts + " µV, window "
                            + phaseWindowSeconds + " s, wait "
                            + waitSeconds + " s, lead " + leadSeconds + " s, amplitude " + minAmplitudeMicrovolts
                            + " µV, calibration "
                            + calibrationSeconds + " s");
        }
    }

    public static SlowOscillationParameters defaults() {
        return new SlowOscillationParameters(0.5, 4, 0.25, 1.0, 40, 0.5, 2, 2.0, 1.0, 0, 55, 30);
    }
}
