package org.neuroloop.ingest.synthetic;

import java.io.Serializable;

/**
 * A known event planted in synthetic EEG, the ground truth that detectors and classifiers are scored against.
 * Times are seconds from the start of the recording.
 */
public sealed interface PlantedEvent extends Serializable
        permits PlantedEvent.MotorImageryCue, PlantedEvent.Spindle, PlantedEvent.SlowOscillation {

    /** Onset in seconds from the start. */
    double onset();

    /** End of the event's effect on the signal, seconds from the start. */
    double end();

    /**
     * A motor-imagery cue: from {@code onset + latency} to {@code onset + duration} the contralateral sensorimotor
     * mu and beta power drops (ERD) and the ipsilateral rises slightly (ERS).
     *
     * @param label marker text, e.g. EEGMMIDB's "T1" (left) / "T2" (right) / "T0" (rest)
     */
    record MotorImageryCue(double onset, double duration, ImagerySide side, String label) implements PlantedEvent {
        public MotorImageryCue {
            requirePositive("cue duration", duration);
        }

        @Override
        public double end() {
            return onset + duration;
        }
    }

    /**
     * A sleep spindle: a {@code frequencyHz} (11–16 Hz) burst of peak {@code amplitudeUv} µV over {@code duration}
     * (0.5–2 s), with 25 % cosine tapers at each end (full amplitude in the middle half), strongest at Cz.
     */
    record Spindle(double onset, double duration, double frequencyHz, double amplitudeUv) implements PlantedEvent {
        public Spindle {
            requirePositive("spindle duration", duration);
            requirePositive("spindle frequency", frequencyHz);
        }

        @Override
        public double end() {
            return onset + duration;
        }

        /** Time of the envelope maximum. */
        public double peak() {
            return onset + duration / 2;
        }
    }

    /**
     * A slow oscillation: one cycle of {@code frequencyHz} (0.5–1.5 Hz) starting with a negative half-wave of
     * {@code amplitudeUv} µV (down-state) followed by a positive half-wave of 0.4 times that (up-state), strongest
     * at Fz.
     */
    record SlowOscillation(double onset, double frequencyHz, double amplitudeUv) implements PlantedEvent {
        public SlowOscillation {
            requirePositive("slow-oscillation frequency", frequencyHz);
        }

        @Override
        public double end() {
            return onset + 1 / frequencyHz;
        }

        /** Time of the negative peak (down-state), a quarter period after onset. */
        public double trough() {
            return onset + 0.25 / frequencyHz;
        }

        /** Time of the positive peak (up-state), three quarters of a period after onset. */
        public double peak() {
            return onset + 0.75 / frequencyHz;
        }
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
        }
    }
}
