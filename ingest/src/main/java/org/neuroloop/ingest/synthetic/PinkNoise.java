package org.neuroloop.ingest.synthetic;

import java.util.random.RandomGenerator;

/**
 * Unit-variance 1/f ("pink") noise on several channels: white Gaussian noise through the 3-pole/3-zero filter
 * of J. O. Smith (Spectral Audio Signal Processing, "Example: Synthesis of 1/F Noise"), whose magnitude follows
 * 1/sqrt(f) within about ±0.3 dB over three decades of normalised frequency, i.e. power ∝ 1/f.
 * The output is scaled by the filter's impulse-response energy so its variance is 1.
 */
final class PinkNoise {

    private static final double[] B = {0.049922035, -0.095993537, 0.050612699, -0.004408786};
    private static final double[] A = {1, -2.494956002, 2.017265875, -0.522189400};
    private static final double GAIN = 1 / Math.sqrt(impulseEnergy());

    private final int channels;
    /** Transposed direct form II state, 3 per channel. */
    private final double[] z;

    PinkNoise(int channels) {
        this.channels = channels;
        this.z = new double[3 * channels];
    }

    /** Draws one white sample per channel and writes the next pink value of each channel into {@code out}. */
    void next(RandomGenerator rnd, double[] out) {
        for (int c = 0; c < channels; c++) {
            out[c] = step(c, rnd.nextGaussian()) * GAIN;
        }
    }

    private double step(int c, double x) {
        int o = 3 * c;
        double y = B[0] * x + z[o];
        z[o] = B[1] * x - A[1] * y + z[o + 1];
        z[o + 1] = B[2] * x - A[2] * y + z[o + 2];
        z[o + 2] = B[3] * x - A[3] * y;
        return y;
    }

    private static double impulseEnergy() {
        PinkNoise p = new PinkNoise(1);
        double energy = 0;
        for (int i = 0; i < 200_000; i++) {
            double h = p.step(0, i == 0 ? 1 : 0);
            energy += h * h;
        }
        return energy;
    }
}
