package org.neuroloop.classifiers.detect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Locale;

/**
 * Settings of the {@link ThresholdDetector}.
 *
 * <p>Defaults: rectified amplitude, fire at 150 µV and re-arm below 75 µV (hysteresis: one burst gives one event);
 * for band power, a second-order Butterworth band of 12–15 Hz and 0.2 s exponential smoothing.
 *
 * @param measure what is compared: the largest rectified amplitude of the channels, or their mean band power
 * @param on fires when the measure reaches this (µV for amplitude, µV² for band power)
 * @param off re-arms once the measure falls below this, in [0, on]
 * @param lowHz lower band edge (band power only)
 * @param highHz upper band edge (band power only)
 * @param order Butterworth order of the band-pass (band power only)
 * @param smoothingSeconds time constant of the power's exponential smoothing (band power only)
 */
public record ThresholdParameters(
        Measure measure, double on, double off, double lowHz, double highHz, int order, double smoothingSeconds)
        implements Serializable {

    /** What the detector compares with its thresholds. */
    public enum Measure {
        AMPLITUDE,
        BANDPOWER;

        @JsonCreator
        public static Measure parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not amplitude or bandpower");
            }
        }

        @JsonValue
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ThresholdParameters {
        if (measure == null) {
            throw new IllegalArgumentException("measure must be amplitude or bandpower");
        }
        if (!(on > 0) || !(off >= 0 && off <= on)) {
            throw new IllegalArgumentException("need on > 0 and 0 <= off <= on, got on " + on + ", off " + off);
        }
        if (measure == Measure.BANDPOWER && (!(lowHz > 0 && highHz > lowHz) || order < 1 || !(smoothingSeconds > 0))) {
            throw new IllegalArgumentException(
                    "band power needs 0 < lowHz < highHz, order >= 1 and smoothingSeconds > 0, got " + lowHz + "-"
                            + highHz + " Hz, order " + order + ", " + smoothingSeconds + " s");
        }
    }

    /** The defaults described above. */
    public static ThresholdParameters defaults() {
        return new ThresholdParameters(Measure.AMPLITUDE, 150, 75, 12, 15, 2, 0.2);
    }
}
