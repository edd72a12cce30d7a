package org.neuroloop.dsp.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Digital Butterworth filter design as second-order sections, equal to
 * {@code scipy.signal.butter(order, Wn, btype, fs=fs, output='sos')}.
 *
 * <p>Steps (scipy's {@code iirfilter}): analog prototype {@code buttap(N)} with poles
 * {@code -exp(i pi m / 2N)}, m = -N+1, -N+3, ..., N-1; pre-warp the cutoffs {@code 4 tan(pi Wn / 2)} with
 * {@code Wn = 2 f / fs}; low/high/band-pass/band-stop frequency transform of the zeros, poles and gain;
 * bilinear transform ({@code fs = 2}); then {@link SosPairing} pairs poles and zeros into sections exactly as
 * {@code zpk2sos(pairing='nearest')}, so coefficients and section order are scipy's.
 *
 * <p>Reference: Oppenheim &amp; Schafer, Discrete-Time Signal Processing, 3rd ed., §7.1–7.2; scipy.signal source.
 */
public final class Butterworth {

    private Butterworth() {}

    /** Low-pass of the given order with cutoff {@code cutoffHz} (-3 dB) at sampling rate {@code fs}. */
    public static IirFilter lowpass(int order, double cutoffHz, double fs) {
        return design(order, FilterKind.LOWPASS, new double[] {cutoffHz}, fs);
    }

    /** High-pass of the given order with cutoff {@code cutoffHz} (-3 dB) at sampling rate {@code fs}. */
    public static IirFilter highpass(int order, double cutoffHz, double fs) {
        return design(order, FilterKind.HIGHPASS, new double[] {cutoffHz}, fs);
    }

    /** Band-pass between {@code lowHz} and {@code highHz}; {@code order} is scipy's N (2N poles, N sections). */
    public static IirFilter bandpass(int order, double lowHz, double highHz, double fs) {
        return design(order, FilterKind.BANDPASS, new double[] {lowHz, highHz}, fs);
    }

    /** Band-stop between {@code lowHz} and {@code highHz}; {@code order} is scipy's N (2N poles, N sections). */
    public static IirFilter bandstop(int order, double lowHz, double highHz, double fs) {
        return design(order, FilterKind.BANDSTOP, new double[] {lowHz, highHz}, fs);
    }

    /**
     * General design, {@code butter(order, cutoffsHz, kind, fs=fs, output='sos')}.
     *
     * @param cutoffsHz one cutoff for low/high-pass, two ascending edges for band-pass/stop
     * @throws IllegalArgumentException on order &lt; 1, a cutoff not in (0, fs/2), non-ascending band edges,
     *     a wrong number of cutoffs, a non-finite argument, or a design whose poles are not inside the unit circle
     */
    public static IirFilter design(int order, FilterKind kind, double[] cutoffsHz, double fs) {
        if (order < 1) {
            throw new IllegalArgumentException("Butterworth order must be >= 1, got " + order);
        }
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new IllegalArgumentException("Butterworth sampling rate fs must be finite and > 0 Hz, got " + fs);
        }
        if (kind == FilterKind.NOTCH) {
            throw new IllegalArgumentException("Butterworth design has no notch kind; use IirNotch.design(f0, Q, fs)");
        }
        int expected = kind == FilterKind.LOWPASS || kind == FilterKind.HIGHPASS ? 1 : 2;
        if (cutoffsHz == null || cutoffsHz.length != expected) {
            throw new IllegalArgumentException("Butterworth " + kind.name().toLowerCase() + " needs " + expected
                    + " cutoff frequenc" + (expected == 1 ? "y" : "ies") + ", got "
                    + (cutoffsHz == null ? "null" : Arrays.toString(cutoffsHz)));
        }
        double nyquist = fs / 2;
        double[] wn = new double[expected];
        for (int i = 0; i < expected; i++) {
            double f = cutoffsHz[i];
            if (!(f > 0 && f < nyquist)) {
                throw new IllegalArgumentException("Butterworth " + kind.name().toLowerCase() + " cutoff " + f
                        + " Hz must be > 0 and < Nyquist " + nyquist + " Hz (fs = " + fs + " Hz)");
            }
            wn[i] = 2 * f / fs;
        }
        if (expected == 2 && !(cutoffsHz[0] < cutoffsHz[1])) {
            throw new IllegalArgumentException("Butterworth " + kind.name().toLowerCase()
                    + " band edges must be low < high, got (" + cutoffsHz[0] + ", " + cutoffsHz[1] + ") Hz");
        }

        Zpk analog = prototype(order);
        // Pre-warp for the bilinear transform at fs = 2 (normalised frequency), as scipy does.
        double[] warped = new double[expected];
        for (int i = 0; i < expected; i++) {
            warped[i] = 2 * 2.0 * Math.tan(Math.PI * wn[i] / 2.0);
        }
        Zpk transformed = switch (kind) {
            case LOWPASS -> lowpassToLowpass(analog, warped[0]);
            case HIGHPASS -> lowpassToHighpass(analog, warped[0]);
            case BANDPASS -> lowpassToBandpass(analog, Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
            case BANDSTOP -> lowpassToBandstop(analog, Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
            case NOTCH -> throw new AssertionError();
        };
        Zpk digital = bilinear(transformed, 2.0);
        double[][] sos = SosPairing.zpkToSos(digital);
        double low = expected == 2 ? cutoffsHz[0] : (kind == FilterKind.HIGHPASS ? cutoffsHz[0] : Double.NaN);
        double high = expected == 2 ? cutoffsHz[1] : (kind == FilterKind.LOWPASS ? cutoffsHz[0] : Double.NaN);
        return new IirFilter(sos, kind, low, high, order, "butter", fs);
    }

    /** {@code buttap(N)}: no zeros, poles {@code -exp(i pi m / 2N)}, gain 1. */
    static Zpk prototype(int n) {
        List<Complex> poles = new ArrayList<>(n);
        for (int m = -n + 1; m < n; m += 2) {
            // The middle m = 0 gives an exactly real pole -1, as in scipy.
            poles.add(Complex.expi(Math.PI * m / (2.0 * n)).negate());
        }
        return new Zpk(List.of(), poles, 1.0);
    }

    static Zpk lowpassToLowpass(Zpk f, double wo) {
        int degree = f.relativeDegree();
        List<Complex> z = new ArrayList<>();
        for (Complex c : f.zeros()) {
            z.add(c.times(wo));
        }
        List<Complex> p = new ArrayList<>();
        for (Complex c : f.poles()) {
            p.add(c.times(wo));
        }
        return new Zpk(z, p, f.gain() * Math.pow(wo, degree));
    }

    static Zpk lowpassToHighpass(Zpk f, double wo) {
        int degree = f.relativeDegree();
        Complex w = Complex.real(wo);
        List<Complex> z = new ArrayList<>();
        for (Complex c : f.zeros()) {
            z.add(w.div(c));
        }
        List<Complex> p = new ArrayList<>();
        for (Complex c : f.poles()) {
            p.add(w.div(c));
        }
        for (int i = 0; i < degree; i++) {
            z.add(Complex.ZERO);
        }
        return new Zpk(
                z,
                p,
                f.gain() * prodNegated(f.zeros()).div(prodNegated(f.poles())).re());
    }

    static Zpk lowpassToBandpass(Zpk f, double wo, double bw) {
        int degree = f.relativeDegree();
        Complex wo2 = Complex.real(wo * wo);
        List<Complex> z = splitBand(f.zeros(), c -> c.times(bw / 2), wo2);
        List<Complex> p = splitBand(f.poles(), c -> c.times(bw / 2), wo2);
        for (int i = 0; i < degree; i++) {
            z.add(Complex.ZERO);
        }
        return new Zpk(z, p, f.gain() * Math.pow(bw, degree));
    }

    static Zpk lowpassToBandstop(Zpk f, double wo, double bw) {
        int degree = f.relativeDegree();
        Complex wo2 = Complex.real(wo * wo);
        Complex halfBw = Complex.real(bw / 2);
        List<Complex> z = splitBand(f.zeros(), halfBw::div, wo2);
        List<Complex> p = splitBand(f.poles(), halfBw::div, wo2);
        for (int i = 0; i < degree; i++) {
            z.add(new Complex(0, wo));
        }
        for (int i = 0; i < degree; i++) {
            z.add(new Complex(0, -wo));
        }
        return new Zpk(
                z,
                p,
                f.gain() * prodNegated(f.zeros()).div(prodNegated(f.poles())).re());
    }

    /** For each root r: s = map(r); returns [s + sqrt(s^2 - wo^2) ..., s - sqrt(s^2 - wo^2) ...] (scipy's order). */
    private static List<Complex> splitBand(List<Complex> roots, UnaryOperator<Complex> map, Complex wo2) {
        List<Complex> plus = new ArrayList<>();
        List<Complex> minus = new ArrayList<>();
        for (Complex r : roots) {
            Complex s = map.apply(r);
            Complex root = s.times(s).minus(wo2).sqrt();
            plus.add(s.plus(root));
            minus.add(s.minus(root));
        }
        plus.addAll(minus);
        return plus;
    }

    /** Bilinear transform {@code z = (2fs + s) / (2fs - s)}; zeros at infinity map to z = -1. */
    static Zpk bilinear(Zpk f, double fs) {
        int degree = f.relativeDegree();
        Complex fs2 = Complex.real(2.0 * fs);
        List<Complex> z = new ArrayList<>();
        for (Complex c : f.zeros()) {
            z.add(fs2.plus(c).div(fs2.minus(c)));
        }
        List<Complex> p = new ArrayList<>();
        for (Complex c : f.poles()) {
            p.add(fs2.plus(c).div(fs2.minus(c)));
        }
        for (int i = 0; i < degree; i++) {
            z.add(Complex.real(-1));
        }
        Complex num = Complex.ONE;
        for (Complex c : f.zeros()) {
            num = num.times(fs2.minus(c));
        }
        Complex den = Complex.ONE;
        for (Complex c : f.poles()) {
            den = den.times(fs2.minus(c));
        }
        return new Zpk(z, p, f.gain() * num.div(den).re());
    }

    private static Complex prodNegated(List<Complex> roots) {
        Complex prod = Complex.ONE;
        for (Complex c : roots) {
            prod = prod.times(c.negate());
        }
        return prod;
    }
}
