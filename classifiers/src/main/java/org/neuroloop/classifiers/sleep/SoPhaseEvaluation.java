package org.neuroloop.classifiers.sleep;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.spectral.Hilbert;

/**
 * How well the causal targeter hits a slow-oscillation phase: replay a recording through
 * {@link SlowOscillationTargeter}, and at every stimulation time compare the target with the phase computed offline
 * from the whole signal (zero-phase second-order Butterworth band-pass over the phase band, then the Hilbert
 * transform).
 */
public final class SoPhaseEvaluation {

    private SoPhaseEvaluation() {}

    /**
     * @param targets stimulation decisions that counted
     * @param errors their phase errors {@code wrap(reference - target)}, radians
     * @param stats circular statistics of the errors
     */
    public record Result(List<PhaseTarget> targets, double[] errors, PhaseErrorStats stats) {}

    /**
     * @param x channel samples, sample i at {@code t0 + i / fs}
     * @param targetRad target phase (0 = up-state peak)
     * @param mask optional per-sample mask (e.g. N3 epochs); a target counts when the samples at the decision and at
     *     the stimulus are both in it. Null: everywhere.
     * @param from only stimuli at or after this time count
     * @param to only stimuli before this time count
     */
    public static Result evaluate(
            double[] x,
            double fs,
            double t0,
            SlowOscillationParameters p,
            double targetRad,
            boolean[] mask,
            double from,
            double to) {
        double[] ref = referencePhase(x, fs, p);
        SlowOscillationTargeter tg = new SlowOscillationTargeter(p, fs, targetRad);
        List<PhaseTarget> all = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            tg.step(x[i], t0 + i / fs, null, all::add);
        }
        List<PhaseTarget> kept = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        for (PhaseTarget t : all) {
            int k = (int) Math.round((t.targetTime() - t0) * fs);
            int f = (int) Math.round((t.firedAt() - t0) * fs);
            if (k >= x.length
                    || t.targetTime() < from
                    || t.targetTime() >= to
                    || (mask != null && !(mask[k] && mask[f]))) {
                continue;
            }
            kept.add(t);
            err.add(SlowOscillationTargeter.wrap(ref[k] - targetRad));
        }
        double[] e = err.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(kept, e, PhaseErrorStats.of(e));
    }

    /** Offline phase of every sample: zero-phase band-pass over the phase band, then Hilbert; radians, 0 = peak. */
    public static double[] referencePhase(double[] x, double fs, SlowOscillationParameters p) {
        double[] clean = x.clone();
        for (int i = 0; i < clean.length; i++) {
            if (!Double.isFinite(clean[i])) {
                clean[i] = 0;
            }
        }
        return Hilbert.phase(
                ZeroPhaseFilter.apply(Butterworth.bandpass(2, p.phaseLowHz(), p.phaseHighHz(), fs), clean));
    }
}
