package org.neuroloop.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The whole closed loop once, briefly: real liblsl outlet → the deployed graph ({@code NeuroLoopJob} from the
 * shipped YAML: LSL source, flags, filter, detector, policy, LSL marker output) → real inlet. Checks correctness only
 * (every planted burst marked once, nothing else); speed is `neuroloop bench latency`.
 */
class ClosedLoopLatencyBenchmarkTest {

    @Test
    void everyPlantedBurstGivesExactlyOneMarkerAndNothingElseDoes() throws Exception {
        ClosedLoopLatencyBenchmark.Result r = new ClosedLoopLatencyBenchmark(new ClosedLoopLatencyBenchmark.Config(
                        8,
                        250,
                        6,
                        2,
                        42,
                        ClosedLoopLatencyBenchmark.DEFAULT_POLL_MICROS,
                        ClosedLoopLatencyBenchmark.Pipeline.THRESHOLD))
                .run();
        System.out.println("closed-loop smoke run: " + r);
        assertTrue(r.events() >= 9, "bursts every 0.4-0.6 s over 6 s: " + r.events());
        assertEquals(r.events(), r.detected(), "every planted burst detected and marked: " + r);
        assertEquals(0, r.falseStimulations(), r.toString());
        assertEquals(0, r.duplicateMarkers(), r.toString());
        assertTrue(r.latency().p50Ms() > 0, "markers arrive after their cause: " + r.latency());
        assertEquals(r.detected(), r.jobLatency().count(), "every marker has the sink's acknowledgement");
        // the per-event figures the report draws agree with the summary
        assertEquals(r.events(), r.plantedSeconds().length);
        assertEquals(r.detected(), r.stimulationSeconds().length);
        assertEquals(r.detected(), r.latenciesMs().length);
        assertEquals(r.latency().maxMs(), Arrays.stream(r.latenciesMs()).max().orElse(Double.NaN), 1e-3);
        String plan = String.join(" | ", r.operators());
        for (String stage : new String[] {
            "LSL bench", "bad-data flags", "causal filter", "threshold detector", "stimulation policy", "output lsl#0"
        }) {
            assertTrue(plan.contains(stage), "the deployed graph runs '" + stage + "': " + plan);
        }
        assertEquals(
                "threshold",
                r.config().path("pipeline").path("detector").path("type").asText());
    }

    /**
     * Planted synthetic spindles through the causal spindle detector: every marker lies inside a planted spindle. How
     * many are found is the detector's sensitivity (evaluated elsewhere; here with a 12 s-old baseline: a baseline of
     * just over the 10 s the detector needs let the synthetic background fire once), so only "some".
     */
    @Test
    void spindlePipelineMarksPlantedSpindlesOnly() throws Exception {
        ClosedLoopLatencyBenchmark.Result r = new ClosedLoopLatencyBenchmark(new ClosedLoopLatencyBenchmark.Config(
                        12,
                        250,
                        25,
                        12,
                        7,
                        ClosedLoopLatencyBenchmark.DEFAULT_POLL_MICROS,
                        ClosedLoopLatencyBenchmark.Pipeline.SPINDLES))
                .run();
        System.out.println("spindle closed-loop run: " + r);
        assertTrue(r.events() >= 4, "planted spindles in 25 s: " + r.events());
        assertTrue(r.detected() >= 2, "detected " + r.detected() + " of " + r.events());
        assertEquals(0, r.falseStimulations(), r.toString());
    }
}
