package org.neuroloop.dsp.spectral;

/**
 * Welch's averaged-periodogram PSD, equal to {@code scipy.signal.welch(x, fs, window='hann', nperseg, noverlap,
 * detrend='constant', scaling='density', return_onesided=True, average='mean')}.
 *
 * <p>Segments of {@code nperseg} samples start every {@code nperseg - noverlap} samples (a trailing partial
 * segment is dropped); each has its mean removed, is multiplied by the periodic Hann window {@code w} and
 * transformed; {@code P_k = mean_segments |X_k|^2 / (fs sum w^2)}, doubled for bins other than DC and
 * (even {@code nperseg}) Nyquist. Reference: Welch (1967), IEEE Trans. Audio Electroacoust. 15(2):70–73.
 *
 * <p>An instance holds the window, FFT plan and buffers for one {@code (fs, nperseg, noverlap)}; it is not
 * thread-safe.
 */
public final class Welch {

    private final double fs;
    private final int nperseg;
    private final int noverlap;
    private final double[] window;
    private final double scale;
    private final RealFft fft;
    private final double[] segment;
    private final double[] re;
    private final double[] im;

    /**
     * @param fs sampling rate in Hz
     * @param nperseg segment length (also the FFT length)
     * @param noverlap overlap between segments, {@code 0 <= noverlap < nperseg}
     */
    public Welch(double fs, int nperseg, int noverlap) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("Welch sampling rate fs must be finite and > 0 Hz, got " + fs);
        }
        if (nperseg < 1) {
            throw new IllegalArgumentException("Welch nperseg must be >= 1, got " + nperseg);
        }
        if (noverlap < 0 || noverlap >= nperseg) {
            throw new IllegalArgumentException(
                    "Welch noverlap must be in [0, nperseg = " + nperseg + "), got " + noverlap);
        }
        this.fs = fs;
        this.nperseg = nperseg;
        this.noverlap = noverlap;
        this.window = HannWindow.periodic(nperseg);
        double sumSq = 0;
        for (double w : window) {
            sumSq += w * w;
        }
        this.scale = 1.0 / (fs * sumSq);
        this.fft = new RealFft(nperseg);
        this.segment = new double[nperseg];
        this.re = new double[fft.bins()];
        this.im = new double[fft.bins()];
    }

    /** Welch with scipy's default half overlap, {@code noverlap = nperseg / 2}. */
    public Welch(double fs, int nperseg) {
        this(fs, nperseg, nperseg / 2);
    }

    /** Convenience: {@code scipy.signal.welch(x, fs, nperseg=nperseg, noverlap=noverlap)}. */
    public static PowerSpectrum psd(double[] x, double fs, int nperseg, int noverlap) {
        return new Welch(fs, nperseg, noverlap).estimate(x);
    }

    /** Bin frequencies {@code k fs / nperseg}, {@code k = 0 .. nperseg/2}. */
    public double[] frequencies() {
        double[] f = new double[fft.bins()];
        for (int k = 0; k < f.length; k++) {
            f[k] = k * fs / nperseg;
        }
        return f;
    }

    /**
     * PSD of a single-channel signal.
     *
     * @throws IllegalArgumentException if {@code x} is shorter than {@code nperseg} or contains NaN/Inf
     */
    public PowerSpectrum estimate(double[] x) {
        return estimate(x, 1, 0);
    }

    /**
     * PSD of channel {@code channel} of an interleaved block ({@code x[i * channels + channel]}).
     *
     * @throws IllegalArgumentException if the channel has fewer than {@code nperseg} samples or contains NaN/Inf
     */
    public PowerSpectrum estimate(double[] x, int channels, int channel) {
        if (channels < 1 || channel < 0 || channel >= channels) {
            throw new IllegalArgumentException("channel " + channel + " out of range for " + channels + " channels");
        }
        if (x.length % channels != 0) {
            throw new IllegalArgumentException(
                    "interleaved block of length " + x.length + " is not a multiple of " + channels + " channels");
        }
        int n = x.length / channels;
        if (n < nperseg) {
            throw new IllegalArgumentException("Welch PSD needs at least nperseg = " + nperseg + " samples, got " + n
                    + (n == 0 ? " (empty input)" : ""));
        }
        for (int i = 0; i < n; i++) {
            double v = x[i * channels + channel];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Welch PSD input has a non-finite value " + v + " at sample " + i
                        + (channels > 1 ? ", channel " + channel : ""));
            }
        }
        int step = nperseg - noverlap;
        int segments = (n - noverlap) / step;
        double[] acc = new double[fft.bins()];
        for (int s = 0; s < segments; s++) {
            int start = s * step;
            double mean = 0;
            for (int t = 0; t < nperseg; t++) {
                double v = x[(start + t) * channels + channel];
                segment[t] = v;
                mean += v;
            }
            mean /= nperseg;
            for (int t = 0; t < nperseg; t++) {
                segment[t] -= mean;
            }
            fft.forwardWindowed(segment, window, re, im);
            for (int k = 0; k < acc.length; k++) {
                double p = (re[k] * re[k] + im[k] * im[k]) * scale;
                boolean unpaired = k == 0 || (nperseg % 2 == 0 && k == acc.length - 1);
                acc[k] += unpaired ? p : 2 * p;
            }
        }
        for (int k = 0; k < acc.length; k++) {
            acc[k] /= segments;
        }
        return new PowerSpectrum(frequencies(), acc);
    }

    public double fs() {
        return fs;
    }

    public int nperseg() {
        return nperseg;
    }

    public int noverlap() {
        return noverlap;
    }
}
