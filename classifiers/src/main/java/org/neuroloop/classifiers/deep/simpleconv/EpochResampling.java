package org.neuroloop.classifiers.deep.simpleconv;

/**
 * Linear-interpolation resampling of band-passed epochs to the network's rate. The epochs are already low-passed
 * well below the new Nyquist frequency (8–30 Hz band against 40 Hz at 80 Hz), so no anti-alias filter is needed; at
 * an integer ratio the interpolation points fall on samples and this is plain decimation.
 */
public final class EpochResampling {

    private EpochResampling() {}

    /** Samples of an epoch of {@code samples} at {@code fs} once resampled to {@code toHz} (0: unchanged). */
    public static int length(int samples, double fs, double toHz) {
        if (toHz <= 0 || toHz == fs) {
            return samples;
        }
        if (toHz > fs) {
            throw new IllegalArgumentException(
                    "simpleconv: resampling to " + toHz + " Hz would upsample epochs recorded at " + fs + " Hz");
        }
        return Math.max(1, (int) Math.floor((samples - 1) * toHz / fs) + 1);
    }

    /**
     * Writes channel-major float input {@code [channel][time]} of one epoch into {@code out} at {@code offset}.
     * Allocation-free.
     */
    public static void write(double[][] epoch, double fs, double toHz, float[] out, int offset) {
        int in = epoch[0].length;
        int len = length(in, fs, toHz);
        double step = len == in ? 1.0 : fs / toHz;
        int k = offset;
        for (double[] ch : epoch) {
            for (int i = 0; i < len; i++) {
                double pos = i * step;
                int j = (int) pos;
                double frac = pos - j;
                double v = j + 1 < in ? ch[j] + frac * (ch[j + 1] - ch[j]) : ch[in - 1];
                out[k++] = (float) v;
            }
        }
    }
}
