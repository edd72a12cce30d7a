package org.neuroloop.classifiers.sleep;

import org.neuroloop.dsp.filter.IirFilter;
import org.neuroloop.dsp.filter.SosFilter;

/**
 * Forward-backward (zero-phase) IIR filtering of a whole signal, as {@code scipy.signal.sosfiltfilt} with its default
 * odd extension of {@code 3 (2 sections + 1)} samples at each end and steady-state initial conditions. Non-causal:
 * for the offline detector and for the reference phase, never for online decisions. (The dsp module has the causal
 * filter only, so this small wrapper lives here.)
 */
public final class ZeroPhaseFilter {

    private ZeroPhaseFilter() {}

    /** @return the zero-phase filtered copy of {@code x} (magnitude response squared, zero phase) */
    public static double[] apply(IirFilter design, double[] x) {
        int n = x.length;
        int edge = Math.min(3 * (2 * design.sectionCount() + 1), Math.max(0, n - 1));
        double[] ext = new double[n + 2 * edge];
        for (int i = 0; i < edge; i++) {
            ext[i] = 2 * x[0] - x[edge - i];
            ext[n + edge + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, edge, n);
        SosFilter f = SosFilter.steadyState(design, new double[] {ext[0]});
        f.processInPlace(ext);
        reverse(ext);
        f.resetToSteadyState(new double[] {ext[0]});
        f.processInPlace(ext);
        reverse(ext);
        double[] out = new double[n];
        System.arraycopy(ext, edge, out, 0, n);
        return out;
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
