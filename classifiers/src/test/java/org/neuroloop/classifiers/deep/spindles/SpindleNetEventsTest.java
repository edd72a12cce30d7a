package org.neuroloop.classifiers.deep.spindles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleListener;

/**
 * Runs of decisions at or above the threshold become spindles; short dips are bridged up to the rule's gap, and a
 * run continues down to the rule's keep threshold.
 */
class SpindleNetEventsTest {

    /** Spindles from probabilities at 0.04 s per decision. */
    static List<Spindle> spindles(SpindleNetEvents.Rule rule, double... p) {
        List<Spindle> out = new ArrayList<>();
        SpindleListener l = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {}

            @Override
            public void onSpindle(Spindle s) {
                out.add(s);
            }
        };
        SpindleNetEvents ev = new SpindleNetEvents(rule);
        for (int i = 0; i < p.length; i++) {
            ev.step(p[i], 0.04 * i, l);
        }
        ev.flush(0.04 * (p.length - 1), l);
        return out;
    }

    static final double[] DIPPED = {0, 0.9, 0.9, 0.9, 0.1, 0.9, 0.9, 0.1, 0.1, 0.1, 0.9, 0};

    @Test
    void withoutAGapEveryDipEndsTheRun() {
        List<Spindle> s = spindles(new SpindleNetEvents.Rule(0.5, 1, 0, 0), DIPPED);
        assertEquals(3, s.size());
        assertEquals(0.04, s.get(0).onset(), 1e-12);
        assertEquals(0.16, s.get(0).offset(), 1e-12);
    }

    @Test
    void aGapOfOneBridgesOneDecisionBelowTheThreshold() {
        List<Spindle> s = spindles(new SpindleNetEvents.Rule(0.5, 1, 0, 1), DIPPED);
        assertEquals(2, s.size());
        assertEquals(0.04, s.get(0).onset(), 1e-12);
        assertEquals(0.28, s.get(0).offset(), 1e-12, "ends at the first decision of the gap that ended it");
        assertEquals(0.40, s.get(1).onset(), 1e-12);
        assertEquals(
                1, spindles(new SpindleNetEvents.Rule(0.5, 1, 0, 3), DIPPED).size());
    }

    @Test
    void aLowerKeepThresholdCarriesARunThroughDipsAboveIt() {
        double[] p = {0, 0.9, 0.6, 0.6, 0.9, 0.3, 0.6, 0};
        assertEquals(2, spindles(new SpindleNetEvents.Rule(0.8, 1, 0, 0), p).size());
        List<Spindle> s = spindles(new SpindleNetEvents.Rule(0.8, 1, 0, 0, 0.5, false), p);
        assertEquals(1, s.size(), "0.6 continues a run started at 0.9; 0.3 ends it");
        assertEquals(0.04, s.get(0).onset(), 1e-12);
        assertEquals(0.20, s.get(0).offset(), 1e-12);
        assertEquals(
                0,
                spindles(new SpindleNetEvents.Rule(0.95, 1, 0, 0, 0.5, false), p)
                        .size(),
                "0.6 starts none");
        assertThrows(IllegalArgumentException.class, () -> new SpindleNetEvents.Rule(0.5, 1, 0, 0, 0.6, false));
    }

    @Test
    void stateRoundTripsMidGap() {
        SpindleNetEvents.Rule rule = new SpindleNetEvents.Rule(0.5, 2, 0.1, 2);
        List<Spindle> straight = spindles(rule, DIPPED);
        List<Spindle> resumed = new ArrayList<>();
        SpindleListener l = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {}

            @Override
            public void onSpindle(Spindle s) {
                resumed.add(s);
            }
        };
        SpindleNetEvents a = new SpindleNetEvents(rule);
        for (int i = 0; i < 5; i++) {
            a.step(DIPPED[i], 0.04 * i, l);
        }
        double[] st = new double[SpindleNetEvents.STATE_SIZE + 1];
        a.saveState(st, 1);
        SpindleNetEvents b = new SpindleNetEvents(rule);
        b.loadState(st, 1);
        for (int i = 5; i < DIPPED.length; i++) {
            b.step(DIPPED[i], 0.04 * i, l);
        }
        b.flush(0.04 * (DIPPED.length - 1), l);
        assertEquals(straight, resumed);
        assertThrows(IllegalArgumentException.class, () -> new SpindleNetEvents.Rule(0.5, 1, 0, -1));
    }
}
