package org.neuroloop.ingest.synthetic;

import java.io.Serializable;

/**
 * Amplitudes of the synthetic EEG's components, in µV.
 *
 * @param backgroundUv RMS of the 1/f (pink) background on every channel
 * @param sensorNoiseUv RMS of white sensor noise on every channel
 * @param alphaUv peak amplitude of the posterior alpha rhythm (source at POz)
 * @param alphaHz alpha frequency
 * @param muUv peak amplitude of each sensorimotor mu rhythm (sources at C3 and C4)
 * @param muHz mu frequency
 * @param betaUv peak amplitude of each sensorimotor beta rhythm (same sources)
 * @param betaHz beta frequency
 * @param erdFraction fraction of contralateral mu/beta power lost during motor imagery (0..1)
 * @param ersFraction fraction of ipsilateral mu/beta power gained during motor imagery (>= 0)
 */
public record SignalLevels(
        double backgroundUv,
        double sensorNoiseUv,
        double alphaUv,
        double alphaHz,
        double muUv,
        double muHz,
        double betaUv,
        double betaHz,
        double erdFraction,
        double ersFraction)
        implements Serializable {

    public SignalLevels {
        for (double v : new double[] {backgroundUv, sensorNoiseUv, alphaUv, muUv, betaUv, ersFraction}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("signal levels must be finite and >= 0: " + this);
            }
        }
        if (!(erdFraction >= 0 && erdFraction <= 1)) {
            throw new IllegalArgumentException("erdFraction must be in [0, 1], got " + erdFraction);
        }
        for (double f : new double[] {alphaHz, muHz, betaHz}) {
            if (!(f > 0)) {
                throw new IllegalArgumentException(
                        "rhythm frequencies must be > 0: alpha " + alphaHz + ", mu " + muHz + ", beta " + betaHz);
            }
        }
    }

    /**
     * Typical awake EEG: 10 µV pink background, 10 Hz alpha 12 µV, 11 Hz mu 10 µV, 22 Hz beta 4 µV, 70 % ERD, 20 % ERS.
     */
    public static SignalLevels typical() {
        return new SignalLevels(10, 1, 12, 10, 10, 11, 4, 22, 0.7, 0.2);
    }

    /**
     * Non-REM sleep background: 15 µV pink background, no alpha, mu or beta (so nothing but planted spindles sits
     * in the sigma band, as spindle detectors expect).
     */
    public static SignalLevels sleep() {
        return new SignalLevels(15, 1, 0, 10, 0, 11, 0, 22, 0, 0);
    }

    /** Background and sensor noise only, no rhythms (planted events still appear). */
    public static SignalLevels backgroundOnly() {
        return new SignalLevels(10, 1, 0, 10, 0, 11, 0, 22, 0, 0);
    }
}
