package org.neuroloop.dsp.filter;

/**
 * Second-order IIR notch, equal to {@code scipy.signal.iirnotch(f0, Q, fs)}.
 *
 * <p>With {@code w0 = 2 pi f0 / fs}, bandwidth {@code bw = w0 / Q} and the -3 dB gain {@code gb = 1/sqrt(2)}:
 * {@code beta = sqrt(1 - gb^2) / gb * tan(bw / 2)}, {@code g = 1 / (1 + beta)},
 * {@code b = g [1, -2 cos w0, 1]}, {@code a = [1, -2 g cos w0, 2g - 1]}.
 * Reference: Orfanidis, Introduction to Signal Processing, §11.3 (eqs. 11.3.4–11.3.7).
 */
public final class IirNotch {

    private IirNotch() {}

    /**
     * The notch as {@code (b, a)}.
     *
     * @throws IllegalArgumentException if {@code f0} is not in (0, fs/2), {@code Q <= 0}, or an argument is not finite
     */
    public static TransferFunction coefficients(double f0, double q, double fs) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("notch sampling rate fs must be finite and > 0 Hz, got " + fs);
        }
        if (!(f0 > 0 && f0 < fs / 2)) {
            throw new IllegalArgumentException(
                    "notch frequency f0 " + f0 + " Hz must be > 0 and < Nyquist " + fs / 2 + " Hz");
        }
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("notch quality factor Q must be finite and > 0, got " + q);
        }
        double w0 = 2 * f0 / fs;
        double bw = w0 / q * Math.PI;
        w0 = w0 * Math.PI;
        double gb = 1 / Math.sqrt(2);
        double beta = (Math.sqrt(1.0 - gb * gb) / gb) * Math.tan(bw / 2.0);
        double gain = 1.0 / (1.0 + beta);
        double[] b = {gain, gain * -2.0 * Math.cos(w0), gain};
        double[] a = {1.0, -2.0 * gain * Math.cos(w0), 2.0 * gain - 1.0};
        return new TransferFunction(b, a);
    }

    /**
     * The notch as a one-section {@link IirFilter} (prints as {@code <IIR 2nd causal filter @ (50, 50) Hz (notch)>}).
     */
    public static IirFilter design(double f0, double q, double fs) {
        TransferFunction tf = coefficients(f0, q, fs);
        double[] section = {tf.b()[0], tf.b()[1], tf.b()[2], tf.a()[0], tf.a()[1], tf.a()[2]};
        return new IirFilter(new double[][] {section}, FilterKind.NOTCH, f0, f0, 2, "notch", fs);
    }
}
