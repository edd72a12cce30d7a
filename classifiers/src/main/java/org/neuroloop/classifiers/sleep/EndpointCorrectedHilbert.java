package org.neuroloop.classifiers.sleep;

import org.neuroloop.dsp.filter.IirFilter;

/**
 * Causal instantaneous phase by the endpoint-corrected Hilbert transform (ecHT; Schreglmann et al. 2021, Nat.
 * Commun. 12:363): over the last N samples, take the DFT, keep the analytic half (DC and Nyquist once, positive bins
 * twice, negative bins zero), multiply by the frequency response H of a causal band-pass, and read the phase of the
 * last sample of the inverse DFT. The causal filter response removes the Gibbs distortion at the window end.
 *
 * <p>Everything but the data is fixed, so the estimate is linear in the window: the last inverse-DFT sample is
 * {@code z = Σ_n x[n] g[n]} with {@code g[n] = (1/N) Σ_k a_k H_k e^{-2πikn/N} e^{2πik(N-1)/N}} (a_k the analytic
 * weights), computed once here; the window mean is removed by subtracting mean(g). Per estimate: one complex dot
 * product of length N, no FFT and no allocation.
 *
 * <p>{@link #centred} builds the non-causal counterpart used to calibrate the endpoint estimate online: the analytic
 * value at the window's centre sample with the zero-phase response {@code |H|²} (that of forward-backward filtering
 * with the same filter, i.e. of the offline reference phase), far from both window edges.
 */
public final class EndpointCorrectedHilbert {
    private final int n;
    private final double[] gRe;
    private final double[] gIm;

    /**
     * @param filter causal band-pass (its SOS frequency response is used)
     * @param windowSamples N, the window length
     */
    public EndpointCorrectedHilbert(IirFilter filter, int windowSamples) {
        this(filter, windowSamples, windowSamples - 1, false);
    }

    /**
     * The zero-phase, window-centred analytic estimate: {@code z = Σ_n x[n] g[n]} for the output sample
     * {@code m = N / 2} (so it describes the signal {@code N - 1 - m} samples before the window's last one), with the
     * response {@code |H|²} in place of {@code H}. Non-causal with respect to sample m; used only as a delayed
     * reference.
     *
     * @param filter band-pass whose squared magnitude response is applied
     * @param windowSamples N
     */
    public static EndpointCorrectedHilbert centred(IirFilter filter, int windowSamples) {
        return new EndpointCorrectedHilbert(filter, windowSamples, windowSamples / 2, true);
    }

    private EndpointCorrectedHilbert(IirFilter filter, int windowSamples, int at, boolean zeroPhase) {
        if (windowSamples < 4) {
            throw new IllegalArgumentException("ecHT window must hold >= 4 samples, got " + windowSamples);
        }
        this.n = windowSamples;
        double fs = filter.fs();
        int half = n / 2;
        double[] wRe = new double[half + 1];
        double[] wIm = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double a = (k == 0 || (n % 2 == 0 && k == half)) ? 1 : 2;
            double[] h = response(filter, k * fs / n, fs);
            if (zeroPhase) {
                h = new double[] {h[0] * h[0] + h[1] * h[1], 0};
            }
            double ang = 2 * Math.PI * k * at / n;
            double c = Math.cos(ang), s = Math.sin(ang);
            wRe[k] = a * (h[0] * c - h[1] * s) / n;
            wIm[k] = a * (h[0] * s + h[1] * c) / n;
        }
        gRe = new double[n];
        gIm = new double[n];
        double meanRe = 0, meanIm = 0;
        for (int t = 0; t < n; t++) {
            double re = 0, im = 0;
            for (int k = 0; k <= half; k++) {
                double ang = -2 * Math.PI * (double) k * t / n;
                double c = Math.cos(ang), s = Math.sin(ang);
                re += wRe[k] * c - wIm[k] * s;
                im += wRe[k] * s + wIm[k] * c;
            }
            gRe[t] = re;
            gIm[t] = im;
            meanRe += re;
            meanIm += im;
        }
        meanRe /= n;
        meanIm /= n;
        for (int t = 0; t < n; t++) {
            gRe[t] -= meanRe;
            gIm[t] -= meanIm;
        }
    }

    /** Complex frequency response {re, im} of the SOS cascade at {@code f} Hz. */
    static double[] response(IirFilter filter, double f, double fs) {
        double w = 2 * Math.PI * f / fs;
        double c1 = Math.cos(w), s1 = -Math.sin(w), c2 = Math.cos(2 * w), s2 = -Math.sin(2 * w);
        double re = 1, im = 0;
        for (int s = 0; s < filter.sectionCount(); s++) {
            double nr = filter.coefficient(s, 0) + filter.coefficient(s, 1) * c1 + filter.coefficient(s, 2) * c2;
            double ni = filter.coefficient(s, 1) * s1 + filter.coefficient(s, 2) * s2;
            double dr = filter.coefficient(s, 3) + filter.coefficient(s, 4) * c1 + filter.coefficient(s, 5) * c2;
            double di = filter.coefficient(s, 4) * s1 + filter.coefficient(s, 5) * s2;
            double den = dr * dr + di * di;
            double hr = (nr * dr + ni * di) / den, hi = (ni * dr - nr * di) / den;
            double r = re * hr - im * hi;
            im = re * hi + im * hr;
            re = r;
        }
        return new double[] {re, im};
    }

    public int windowSamples() {
        return n;
    }

    /**
     * Phase (radians, (-π, π], 0 at the positive peak of a cosine) of the window's last sample, the window being the
     * ring buffer {@code ring} of length N whose oldest sample is at {@code oldest}.
     */
    public double phase(double[] ring, int oldest) {
        double re = 0, im = 0;
        int idx = oldest;
        for (int t = 0; t < n; t++) {
            double v = ring[idx];
            re += v * gRe[t];
            im += v * gIm[t];
            idx = idx + 1 == n ? 0 : idx + 1;
        }
        return Math.atan2(im, re);
    }

    /**
     * The analytic value {re, im} of the window's last sample (ring buffer as in {@link #phase}); its modulus is the
     * band-limited amplitude.
     *
     * @param out receives {re, im}
     */
    public void analytic(double[] ring, int oldest, double[] out) {
        double re = 0, im = 0;
        int idx = oldest;
        for (int t = 0; t < n; t++) {
            double v = ring[idx];
            re += v * gRe[t];
            im += v * gIm[t];
            idx = idx + 1 == n ? 0 : idx + 1;
        }
        out[0] = re;
        out[1] = im;
    }

    /** Phase of the last sample of {@code x[end - N .. end)}. */
    public double phaseAt(double[] x, int end) {
        if (end < n) {
            throw new IllegalArgumentException("ecHT needs " + n + " samples before index " + end);
        }
        double re = 0, im = 0;
        for (int t = 0; t < n; t++) {
            double v = x[end - n + t];
            re += v * gRe[t];
            im += v * gIm[t];
        }
        return Math.atan2(im, re);
    }
}
