package org.neuroloop.ingest.synthetic;

/**
 * Unit-variance 1/f ("pink") noise on several channels: white Gaussian noise through the 3-pole/3-zero filter
 * of J. O. Smith (Spectral Audio Signal Processing, "Example: Synthesis of 1/F Noise"), whose magnitude follows
 * 1/sqrt(f) within about ±0.3 dB over three decades of normalised frequency, i.e. power ∝ 1/f.
 * The output is scaled by the filter's impulse-response energy so its variance is 1.
 */
final class PinkNoise {

    private static final double B0 = 0.049922035;
    private static final double B1 = -0.095993537;
    private static final double B2 = 0.050612699;
    private static final double B3 = -0.004408786;
    private static final double A1 = -2.494956002;
    private static final double A2 = 2.017265875;
    private static final double A3 = -0.522189400;
    private static final double GAIN = 1 / Math.sqrt(impulseEnergy());

    private final int channels;
    /** Transposed direct form II state per channel, one array per delay so the channel loop vectorises. */
    private final double[] z0;

    private final double[] z1;
    private final double[] z2;
    private final double[] white;

    PinkNoise(int channels) {
        this.channels = channels;
        this.z0 = new double[channels];
        this.z1 = new double[channels];
        this.z2 = new double[channels];
        this.white = new double[channels];
    }

    /** Draws one white sample per channel and writes the next pink value of each channel into {@code out}. */
    void next(TableGaussian rnd, double[] out) {
        rnd.nextGaussians(white, 0, channels);
        filter(white, out);
    }

    /** Writes the next pink value of each channel into {@code out}, driven by the white samples {@code x}. */
    void filter(double[] x, double[] out) {
        for (int c = 0; c < channels; c++) {
            double xc = x[c];
            double y = B0 * xc + z0[c];
            z0[c] = B1 * xc - A1 * y + z1[c];
            z1[c] = B2 * xc - A2 * y + z2[c];
            z2[c] = B3 * xc - A3 * y;
            out[c] = y * GAIN;
        }
    }

    private static double impulseEnergy() {
        double[] z = new double[3];
        double energy = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = i == 0 ? 1 : 0;
            double h = B0 * x + z[0];
            z[0] = B1 * x - A1 * h + z[1];
            z[1] = B2 * x - A2 * h + z[2];
            z[2] = B3 * x - A3 * h;
            energy += h * h;
        }
        return energy;
    }
}
