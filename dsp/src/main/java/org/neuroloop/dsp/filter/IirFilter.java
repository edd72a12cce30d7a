package org.neuroloop.dsp.filter;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * A causal IIR filter design as plain immutable data: second-order sections plus what they were designed for.
 * Running state lives elsewhere ({@link SosFilter}), so one design can serve many channels and sessions and a
 * Flink operator only has to store the state.
 *
 * <p>Section {@code s} is {@code [b0, b1, b2, a0, a1, a2]} with {@code a0 = 1}; the filter is the cascade
 * {@code H(z) = prod_s (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)}, scipy's {@code sos} layout.
 * It prints like MNE-LSL's {@code StreamFilter}: {@code <IIR 4th causal filter @ (1, 40) Hz (butter)>}.
 */
public final class IirFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[][] sections;
    private final FilterKind kind;
    private final double lowHz;
    private final double highHz;
    private final int order;
    private final String family;
    private final double fs;

    /**
     * @param sections {@code n x 6} second-order sections, copied; every {@code a0} must be 1
     * @param kind response type
     * @param lowHz lower band edge (high-pass cutoff, band edge, notch centre), NaN if none
     * @param highHz upper band edge (low-pass cutoff, band edge, notch centre), NaN if none
     * @param order design order as passed to the designer (scipy's N)
     * @param family design family, e.g. "butter" or "notch"
     * @param fs sampling rate the design is for, Hz
     * @throws IllegalArgumentException on malformed or non-finite sections, {@code a0 != 1}, or a pole on or
     *     outside the unit circle (unstable design)
     */
    public IirFilter(
            double[][] sections, FilterKind kind, double lowHz, double highHz, int order, String family, double fs) {
        if (sections == null || sections.length == 0) {
            throw new IllegalArgumentException("IIR filter needs at least one second-order section");
        }
        this.sections = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            double[] row = sections[s];
            if (row == null || row.length != 6) {
                throw new IllegalArgumentException("IIR section " + s
                        + " must have 6 coefficients [b0,b1,b2,a0,a1,a2], got " + (row == null ? "null" : row.length));
            }
            for (int j = 0; j < 6; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(
                            "IIR section " + s + " coefficient " + j + " is not finite: " + row[j]);
                }
            }
            if (row[3] != 1.0) {
                throw new IllegalArgumentException(
                        "IIR section " + s + " must be normalised to a0 = 1, got a0 = " + row[3]);
            }
            double rho = maxPoleRadius(row[4], row[5]);
            if (!(rho < 1.0)) {
                throw new IllegalArgumentException("unstable IIR design: section " + s + " " + Arrays.toString(row)
                        + " has a pole of modulus " + rho + " (must be < 1)");
            }
            this.sections[s] = row.clone();
        }
        this.kind = kind;
        this.lowHz = lowHz;
        this.highHz = highHz;
        this.order = order;
        this.family = family;
        this.fs = fs;
    }

    /** Largest pole modulus of {@code 1 + a1 z^-1 + a2 z^-2}, i.e. of the roots of {@code z^2 + a1 z + a2}. */
    static double maxPoleRadius(double a1, double a2) {
        double disc = a1 * a1 - 4 * a2;
        if (disc < 0) {
            return Math.sqrt(a2); // complex pair: |z|^2 = a2
        }
        double sq = Math.sqrt(disc);
        return Math.max(Math.abs((-a1 + sq) / 2), Math.abs((-a1 - sq) / 2));
    }

    /** Number of second-order sections. */
    public int sectionCount() {
        return sections.length;
    }

    /** A copy of the {@code n x 6} sections. */
    public double[][] sections() {
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            copy[s] = sections[s].clone();
        }
        return copy;
    }

    /** Coefficient {@code j} (0..5) of section {@code s}, without copying. */
    public double coefficient(int s, int j) {
        return sections[s][j];
    }

    public FilterKind kind() {
        return kind;
    }

    public double lowHz() {
        return lowHz;
    }

    public double highHz() {
        return highHz;
    }

    public int order() {
        return order;
    }

    public String family() {
        return family;
    }

    public double fs() {
        return fs;
    }

    /** Complex frequency response magnitude {@code |H(e^{i 2 pi f / fs})|} at {@code freqHz}. */
    public double magnitudeAt(double freqHz) {
        double w = 2 * Math.PI * freqHz / fs;
        Complex z1 = Complex.expi(-w);
        Complex z2 = Complex.expi(-2 * w);
        Complex h = Complex.ONE;
        for (double[] s : sections) {
            Complex num = Complex.real(s[0]).plus(z1.times(s[1])).plus(z2.times(s[2]));
            Complex den = Complex.real(s[3]).plus(z1.times(s[4])).plus(z2.times(s[5]));
            h = h.times(num.div(den));
        }
        return h.abs();
    }

    @Override
    public String toString() {
        return "<IIR " + ordinal(order) + " causal filter @ (" + hz(lowHz) + ", " + hz(highHz) + ") Hz (" + family
                + ")>";
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    private static String hz(double f) {
        if (Double.isNaN(f)) {
            return "None";
        }
        if (f == Math.rint(f) && Math.abs(f) < 1e15) {
            return Long.toString((long) f);
        }
        return String.format(Locale.ROOT, "%s", f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IirFilter f
                && kind == f.kind
                && order == f.order
                && family.equals(f.family)
                && Double.compare(lowHz, f.lowHz) == 0
                && Double.compare(highHz, f.highHz) == 0
                && Double.compare(fs, f.fs) == 0
                && Arrays.deepEquals(sections, f.sections);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(sections) * 31 + kind.hashCode();
    }
}
