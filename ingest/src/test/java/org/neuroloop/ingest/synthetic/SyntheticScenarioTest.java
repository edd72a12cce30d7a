package org.neuroloop.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.synthetic.PlantedEvent.MotorImageryCue;
import org.neuroloop.ingest.synthetic.PlantedEvent.SlowOscillation;
import org.neuroloop.ingest.synthetic.PlantedEvent.Spindle;

class SyntheticScenarioTest {

    @Test
    void motorImageryPlantsBalancedCuesInsideTheRecording() {
        SyntheticEegConfig c = SyntheticScenario.parse("mi").config("s", Montage1020.STANDARD_19, 160, 4, 16, 60, 0);
        List<MotorImageryCue> cues = c.schedule().ofType(MotorImageryCue.class);
        long left = cues.stream().filter(q -> q.label().equals("T1")).count();
        long right = cues.stream().filter(q -> q.label().equals("T2")).count();
        assertEquals(10, left + right);
        assertEquals(5, left);
        assertTrue(cues.stream().filter(q -> q.side() != ImagerySide.REST).allMatch(q -> q.end() <= 60));
        List<Marker> truth = new SyntheticEeg(c).truthMarkers();
        assertTrue(truth.stream().allMatch(m -> m.timestamp() < 60));
    }

    @Test
    void sleepScenariosHaveNoAwakeRhythmsAndTheirEvents() {
        for (String name : List.of("spindles", "so", "sleep")) {
            SyntheticScenario s = SyntheticScenario.parse(name);
            assertEquals(0, s.levels().muUv());
            assertEquals(0, s.levels().alphaUv());
            SyntheticEegConfig c = s.config("s", Montage1020.STANDARD_19, 200, 9, 20, 300, 0);
            int spindles = c.schedule().ofType(Spindle.class).size();
            int slow = c.schedule().ofType(SlowOscillation.class).size();
            assertTrue(
                    s == SyntheticScenario.SLOW_OSCILLATIONS ? spindles == 0 : spindles >= 15,
                    name + ": " + spindles + " spindles");
            assertTrue(
                    s == SyntheticScenario.SPINDLES ? slow == 0 : slow >= 15,
                    name + ": " + slow + " slow oscillations");
            assertTrue(c.schedule().events().stream().allMatch(e -> e.end() <= 300));
        }
        assertEquals(SyntheticScenario.NOISE, SyntheticScenario.parse(" Noise "));
        assertThrows(IllegalArgumentException.class, () -> SyntheticScenario.parse("awake"));
    }

    @Test
    void endlessSessionsGetAnHourOfEvents() {
        SyntheticEegConfig c = SyntheticScenario.SLEEP.config(
                "s", Montage1020.STANDARD_19, 100, 1, 10, Double.POSITIVE_INFINITY, Double.NaN);
        assertTrue(!c.bounded());
        assertTrue(c.schedule().events().size() > 300, c.schedule().events().size() + " events");
    }
}
