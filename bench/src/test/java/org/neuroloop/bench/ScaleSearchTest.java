package org.neuroloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The search against a simulated machine whose steps are real time up to a boundary and cost CPU in proportion to
 * N: it finds the boundary to within {@link ScaleSearch#PRECISION} in a few steps, wherever the boundary lies.
 */
class ScaleSearchTest {
    static final ScaleBenchmark.Settings SETTINGS = new ScaleBenchmark.Settings(64, 500, 5, 20, 2, 100, 2, 1e9, 4096);

    /** A step of a machine that is real time up to {@code boundary} sessions and keeps up to 1.2 x that. */
    static ScaleStep step(int sessions, int boundary, double coresPerSession) {
        boolean realtime = sessions <= boundary;
        boolean keepsUp = sessions <= 1.2 * boundary;
        return new ScaleStep(
                sessions,
                20,
                5,
                realtime ? 50 : 150,
                200,
                keepsUp ? 20 : 500,
                300,
                1,
                1,
                sessions * coresPerSession,
                15,
                1000,
                1000,
                1000,
                30,
                keepsUp,
                realtime,
                40,
                50,
                0);
    }

    @Property(tries = 40)
    void findsTheRealtimeBoundaryWithinPrecisionInFewSteps(@ForAll @IntRange(min = 300, max = 4000) int boundary)
            throws Exception {
        // the cores the boundary would use: 1.5 to 2 of 2
        double perSession = (1.5 + (boundary % 7) / 14.0) / boundary;
        ScaleSearch s = ScaleSearch.run(SETTINGS, n -> step(n, boundary, perSession));
        assertFalse(s.budgetExhausted());
        assertTrue(s.maxRealtimeSessions() <= boundary, s.toString());
        int limit = Math.min(boundary, SETTINGS.maxSessions());
        assertTrue(
                s.maxRealtimeSessions() >= limit * (1 - ScaleSearch.PRECISION) - 16,
                boundary + ": found " + s.maxRealtimeSessions() + " in " + sizes(s));
        assertTrue(s.steps().size() <= 8, boundary + ": " + sizes(s));
        assertTrue(s.maxSustainedSessions() >= s.maxRealtimeSessions());
    }

    @Test
    void rampsDownWhenTheFirstStepIsNotRealTime() throws Exception {
        ScaleSearch s = ScaleSearch.run(SETTINGS, n -> step(n, 40, 0.01));
        assertEquals(ScaleSearch.CALIBRATION, s.steps().get(0).sessions());
        assertEquals(64, s.steps().get(1).sessions());
        assertTrue(s.maxRealtimeSessions() <= 40 && s.maxRealtimeSessions() >= 38, sizes(s).toString());
    }

    @Test
    void stopsAtTheLargestSizeAllowed() throws Exception {
        ScaleSearch s = ScaleSearch.run(SETTINGS, n -> step(n, 100_000, 1e-5));
        assertEquals(SETTINGS.maxSessions(), s.maxRealtimeSessions());
    }

    @Test
    void aSpentBudgetStopsTheSearch() throws Exception {
        ScaleBenchmark.Settings tight = new ScaleBenchmark.Settings(64, 500, 5, 20, 2, 100, 2, 1, 4096);
        ScaleSearch s = ScaleSearch.run(tight, n -> step(n, 2000, 0.001));
        assertTrue(s.budgetExhausted());
        assertTrue(s.steps().isEmpty());
    }

    static List<Integer> sizes(ScaleSearch s) {
        return s.steps().stream().map(ScaleStep::sessions).toList();
    }
}
