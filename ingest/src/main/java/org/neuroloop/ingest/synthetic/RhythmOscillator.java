package org.neuroloop.ingest.synthetic;

import java.util.random.RandomGenerator;

/**
 * A naturally fluctuating EEG rhythm: a sinusoid whose frequency wanders around {@code centreHz} and whose
 * amplitude waxes and wanes, both as Ornstein–Uhlenbeck processes (frequency SD 0.3 Hz with a 2 s time constant,
 * log-amplitude SD 0.3 with a 0.5 s time constant). Draws exactly two Gaussian numbers per sample.
 */
final class RhythmOscillator {

    private static final double FREQ_SD = 0.3;
    private static final double FREQ_TAU = 2.0;
    private static final double LOGAMP_SD = 0.3;
    private static final double LOGAMP_TAU = 0.5;

    private final double centreHz;
    private final double dt;
    private final double freqDecay;
    private final double freqKick;
    private final double ampDecay;
    private final double ampKick;
    private double phase;
    private double freqOffset;
    private double logAmp;

    RhythmOscillator(double centreHz, double rate, double initialPhase) {
        this.centreHz = centreHz;
        this.dt = 1 / rate;
        this.freqDecay = Math.exp(-dt / FREQ_TAU);
        this.freqKick = FREQ_SD * Math.sqrt(1 - freqDecay * freqDecay);
        this.ampDecay = Math.exp(-dt / LOGAMP_TAU);
        this.ampKick = LOGAMP_SD * Math.sqrt(1 - ampDecay * ampDecay);
        this.phase = initialPhase;
    }

    /** Current value with unit nominal amplitude (mean square about 0.5), then advances one sample. */
    double next(RandomGenerator rnd) {
        // exp(l - sd^2) keeps the mean power of the fluctuating amplitude at 1
        double value = Math.exp(logAmp - LOGAMP_SD * LOGAMP_SD) * Math.sin(phase);
        freqOffset = freqOffset * freqDecay + freqKick * rnd.nextGaussian();
        logAmp = logAmp * ampDecay + ampKick * rnd.nextGaussian();
        phase += 2 * Math.PI * (centreHz + freqOffset) * dt;
        if (phase > 2 * Math.PI) {
            phase -= 2 * Math.PI;
        }
        return value;
    }
}
