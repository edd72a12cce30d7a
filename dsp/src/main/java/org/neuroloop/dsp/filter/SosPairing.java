package org.neuroloop.dsp.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Zeros/poles/gain to second-order sections, equal to {@code scipy.signal.zpk2sos(z, p, k, pairing='nearest')}
 * for digital filters: same pairing, same section order, gain in the first section.
 *
 * <p>Algorithm (scipy): keep one root of each conjugate pair ({@code _cplxreal}); repeatedly take the pole
 * closest to the unit circle, pair it with its conjugate (or the next real pole) and with the nearest zeros,
 * filling sections from the last to the first so the poles nearest the unit circle end up last.
 */
final class SosPairing {

    private SosPairing() {}

    static double[][] zpkToSos(Zpk f) {
        List<Complex> z = new ArrayList<>(f.zeros());
        List<Complex> p = new ArrayList<>(f.poles());
        if (z.isEmpty() && p.isEmpty()) {
            return new double[][] {{f.gain(), 0, 0, 1, 0, 0}};
        }
        while (p.size() < z.size()) {
            p.add(Complex.ZERO);
        }
        while (z.size() < p.size()) {
            z.add(Complex.ZERO);
        }
        int nSections = (p.size() + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Complex.ZERO);
            z.add(Complex.ZERO);
        }
        z = conjugatePairsFirst(z);
        p = conjugatePairsFirst(p);

        double[][] sos = new double[nSections][];
        for (int si = nSections - 1; si >= 0; si--) {
            Complex p1 = p.remove(indexNearestUnitCircle(p));
            if (p1.isReal() && p.stream().noneMatch(Complex::isReal)) {
                // Last remaining real pole: pair with the nearest real zero (a pole at 0 was padded in).
                Complex z1 = z.remove(nearest(z, p1, Which.REAL));
                sos[si] = section(new Complex[] {z1, Complex.ZERO}, new Complex[] {p1, Complex.ZERO});
            } else if (p.size() + 1 == z.size()
                    && !p1.isReal()
                    && p.stream().filter(Complex::isReal).count() == 1
                    && z.stream().filter(Complex::isReal).count() == 1) {
                // One real pole and one real zero left with equal counts: this complex pole must take a complex zero.
                Complex z1 = z.remove(nearest(z, p1, Which.COMPLEX));
                sos[si] = section(new Complex[] {z1, z1.conj()}, new Complex[] {p1, p1.conj()});
            } else {
                Complex p2;
                if (p1.isReal()) {
                    List<Integer> realIdx = new ArrayList<>();
                    List<Complex> reals = new ArrayList<>();
                    for (int i = 0; i < p.size(); i++) {
                        if (p.get(i).isReal()) {
                            realIdx.add(i);
                            reals.add(p.get(i));
                        }
                    }
                    p2 = p.remove((int) realIdx.get(indexNearestUnitCircle(reals)));
                } else {
                    p2 = p1.conj();
                }
                if (!z.isEmpty()) {
                    Complex z1 = z.remove(nearest(z, p1, Which.ANY));
                    if (!z1.isReal()) {
                        sos[si] = section(new Complex[] {z1, z1.conj()}, new Complex[] {p1, p2});
                    } else if (!z.isEmpty()) {
                        Complex z2 = z.remove(nearest(z, p1, Which.REAL));
                        sos[si] = section(new Complex[] {z1, z2}, new Complex[] {p1, p2});
                    } else {
                        sos[si] = section(new Complex[] {z1}, new Complex[] {p1, p2});
                    }
                } else {
                    sos[si] = section(new Complex[0], new Complex[] {p1, p2});
                }
            }
        }
        for (int j = 0; j < 3; j++) {
            sos[0][j] *= f.gain();
        }
        return sos;
    }

    private enum Which {
        REAL,
        COMPLEX,
        ANY
    }

    /** {@code _nearest_real_complex_idx}: index of the nearest element of the wanted kind (stable on ties). */
    private static int nearest(List<Complex> from, Complex to, Which which) {
        Integer[] order = new Integer[from.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> from.get(i).minus(to).abs()));
        for (int i : order) {
            boolean real = from.get(i).isReal();
            if (which == Which.ANY || (which == Which.REAL) == real) {
                return i;
            }
        }
        throw new IllegalStateException("no " + which.name().toLowerCase() + " zero left to pair with pole " + to);
    }

    /** Digital "worst" root: the one closest to the unit circle (first on ties, like argmin). */
    private static int indexNearestUnitCircle(List<Complex> roots) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int i = 0; i < roots.size(); i++) {
            double d = Math.abs(1 - roots.get(i).abs());
            if (d < bestDist) {
                bestDist = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * {@code _cplxreal}: one representative (positive imaginary part, conjugates averaged) of each complex pair,
     * followed by the real roots, each group sorted by real part.
     */
    static List<Complex> conjugatePairsFirst(List<Complex> roots) {
        double tol = 100 * Math.ulp(1.0);
        List<Complex> sorted = new ArrayList<>(roots);
        sorted.sort(Comparator.comparingDouble(Complex::re).thenComparingDouble(c -> Math.abs(c.im())));
        List<Complex> reals = new ArrayList<>();
        List<Complex> pos = new ArrayList<>();
        List<Complex> neg = new ArrayList<>();
        for (Complex c : sorted) {
            if (Math.abs(c.im()) <= tol * c.abs()) {
                reals.add(Complex.real(c.re()));
            } else if (c.im() > 0) {
                pos.add(c);
            } else {
                neg.add(c);
            }
        }
        if (pos.size() != neg.size()) {
            throw new IllegalArgumentException("roots contain a complex value with no matching conjugate: " + roots);
        }
        // Within runs of (nearly) equal real part, order by |imag| so the halves line up.
        int start = 0;
        while (start < pos.size()) {
            int stop = start;
            while (stop + 1 < pos.size()
                    && pos.get(stop + 1).re() - pos.get(stop).re()
                            <= tol * pos.get(stop).abs()) {
                stop++;
            }
            if (stop > start) {
                pos.subList(start, stop + 1).sort(Comparator.comparingDouble(c -> Math.abs(c.im())));
                neg.subList(start, stop + 1).sort(Comparator.comparingDouble(c -> Math.abs(c.im())));
            }
            start = stop + 1;
        }
        List<Complex> out = new ArrayList<>();
        for (int i = 0; i < pos.size(); i++) {
            Complex zp = pos.get(i);
            Complex zn = neg.get(i);
            if (zp.minus(zn.conj()).abs() > tol * zn.abs()) {
                throw new IllegalArgumentException(
                        "roots contain a complex value with no matching conjugate: " + roots);
            }
            out.add(zp.plus(zn.conj()).times(0.5));
        }
        out.addAll(reals);
        return out;
    }

    /** {@code _single_zpksos}: coefficients of prod(1 - z_i q^-1) / prod(1 - p_i q^-1), right-aligned. */
    private static double[] section(Complex[] zeros, Complex[] poles) {
        double[] s = new double[6];
        double[] b = poly(zeros);
        double[] a = poly(poles);
        System.arraycopy(b, 0, s, 3 - b.length, b.length);
        System.arraycopy(a, 0, s, 6 - a.length, a.length);
        return s;
    }

    /** numpy.poly for up to two roots that are real or a conjugate pair: real coefficients, leading 1. */
    private static double[] poly(Complex[] roots) {
        Complex[] c = {Complex.ONE};
        for (Complex r : roots) {
            Complex[] next = new Complex[c.length + 1];
            Arrays.fill(next, Complex.ZERO);
            for (int i = 0; i < c.length; i++) {
                next[i] = next[i].plus(c[i]);
                next[i + 1] = next[i + 1].minus(c[i].times(r));
            }
            c = next;
        }
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i].re();
        }
        return out;
    }
}
