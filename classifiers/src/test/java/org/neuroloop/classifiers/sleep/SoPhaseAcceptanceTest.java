package org.neuroloop.classifiers.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slow-oscillation phase targeting: synthetic data with a known phase, and the N3 parts of DREAMS excerpts 1–4. */
class SoPhaseAcceptanceTest {

    /**
     * Slow oscillation with drifting frequency (0.7–1.3 Hz) and amplitude (50–90 µV), plus AR(1) background; its true
     * phase.
     */
    static double[][] synthetic(double fs, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (fs * seconds);
        double[] x = new double[n], phase = new double[n];
        double ph = 0, ar = 0, f = 1.0, amp = 60;
        for (int i = 0; i < n; i++) {
            f += 0.002 * r.nextGaussian();
            f = Math.min(1.3, Math.max(0.7, f));
            amp += 0.05 * r.nextGaussian();
            amp = Math.min(90, Math.max(50, amp));
            ph += 2 * Math.PI * f / fs;
            ar = 0.9 * ar + 3 * r.nextGaussian();
            x[i] = amp * Math.cos(ph) + ar;
            phase[i] = SlowOscillationTargeter.wrap(ph);
        }
        return new double[][] {x, phase};
    }

    @ParameterizedTest
    @CsvSource({"200, 3", "100, 3", "200, 4", "100, 4"})
    void syntheticKnownPhase(double fs, long seed) {
        double[][] s = synthetic(fs, 600, seed);
        SlowOscillationTargeter tg = new SlowOscillationTargeter(SlowOscillationParameters.defaults(), fs, 0);
        List<PhaseTarget> out = new ArrayList<>();
        for (int i = 0; i < s[0].length; i++) {
            tg.step(s[0][i], i / fs, null, out::add);
        }
        double[] e = out.stream()
                .filter(t -> Math.round(t.targetTime() * fs) < s[0].length)
                .mapToDouble(t -> SlowOscillationTargeter.wrap(s[1][(int) Math.round(t.targetTime() * fs)]))
                .toArray();
        PhaseErrorStats st = PhaseErrorStats.of(e);
        System.out.println("synthetic known phase: " + st);
        assertTrue(st.n() > 150, "targets " + st.n());
        assertEquals(0, st.meanDeg(), 15);
        assertTrue(st.sdDeg() <= 30, "sd " + st.sdDeg());
    }

    /**
     * Issue 5: mean error within ±15° and circular SD ≤ 30° on the N3 parts (hypnogram code 0 or 1) of DREAMS excerpts
     * 1–4, pooled. Measured with the defaults (55 µV amplitude gate, 30 s phase calibration): 146 targets, mean −4.4°,
     * SD 23.8° (before the calibration: 141 targets, −17.1°, 29.3°).
     */
    @Test
    void dreamsN3WithinAcceptance() throws IOException {
        List<Double> all = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            Dreams.Excerpt e = Dreams.excerpt(n);
            boolean[] n3 = e.hypnogram().mask(e.x().length, e.fs(), Hypnogram.N3);
            SoPhaseEvaluation.Result r = SoPhaseEvaluation.evaluate(
                    e.x(),
                    e.fs(),
                    0,
                    SlowOscillationParameters.defaults(),
                    0,
                    n3,
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY);
            System.out.println("DREAMS excerpt" + n + " N3 so-phase: " + r.stats());
            for (double d : r.errors()) {
                all.add(d);
            }
        }
        PhaseErrorStats pooled =
                PhaseErrorStats.of(all.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.println("DREAMS pooled N3 so-phase: " + pooled);
        assertTrue(pooled.n() >= 120, "targets " + pooled.n());
        assertEquals(0, pooled.meanDeg(), 15, "mean error");
        assertTrue(pooled.sdDeg() <= 30, "sd " + pooled.sdDeg());
    }
}
