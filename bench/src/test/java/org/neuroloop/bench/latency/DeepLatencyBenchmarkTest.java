package org.neuroloop.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The deep pipelines through the whole closed loop once, briefly (lsl4j outlet → {@code NeuroLoopJob} from the
 * shipped YAML → lsl4j inlet), each with the model the benchmark trains itself. Checks correctness and that the
 * figures are there; speed is {@code neuroloop bench latency --pipeline mi-deep|spindles-net}.
 */
class DeepLatencyBenchmarkTest {

    /** The job's markers are exactly the decisions the offline pass says must fire: none missing, none extra. */
    @Test
    void deepMotorImageryMarksExactlyTheOfflineDecisions() throws Exception {
        ClosedLoopLatencyBenchmark.Result r = new ClosedLoopLatencyBenchmark(new ClosedLoopLatencyBenchmark.Config(
                        0,
                        1,
                        12,
                        3,
                        1,
                        ClosedLoopLatencyBenchmark.DEFAULT_POLL_MICROS,
                        ClosedLoopLatencyBenchmark.Pipeline.MI_DEEP,
                        null,
                        ClosedLoopLatencyBenchmark.DEFAULT_EEGMMIDB))
                .run();
        System.out.println("mi-deep closed-loop run: " + r);
        assertEquals(64, r.channels());
        assertEquals(160, r.rateHz());
        assertTrue(r.events() >= 1, "upward crossings of 0.5 in 12 s of decisions every 0.1 s: " + r.events());
        assertEquals(r.events(), r.detected(), r.toString());
        assertEquals(0, r.falseStimulations(), r.toString());
        assertTrue(r.inference().count() > 50 && r.inference().p50Ms() > 0, "inference timed: " + r.inference());
        String plan = String.join(" | ", r.operators());
        assertTrue(plan.contains("mi decoder simpleconv"), plan);
        assertEquals(
                "simpleconv",
                r.config().path("pipeline").path("classifier").path("type").asText());
    }

    /**
     * The spindle network marks planted spindles through the loop and its decisions are timed. A network trained for
     * two epochs also fires outside spindles (counted as false stimulations); its detection quality is
     * {@code evaluate spindles --detector net}'s business, not the benchmark's. Unlike the classic detector the
     * network waits for no 10 s baseline, so the run is short (it pushes in real time): after a 3 s warm-up seed 7
     * plants spindles at 3.2, 6.2, 11.0 and 14.5 s of the 18 s.
     */
    @Test
    void spindleNetworkMarksPlantedSpindlesAndIsTimed() throws Exception {
        ClosedLoopLatencyBenchmark.Result r = new ClosedLoopLatencyBenchmark(new ClosedLoopLatencyBenchmark.Config(
                        4,
                        250,
                        15,
                        3,
                        7,
                        ClosedLoopLatencyBenchmark.DEFAULT_POLL_MICROS,
                        ClosedLoopLatencyBenchmark.Pipeline.SPINDLES_NET,
                        null,
                        ClosedLoopLatencyBenchmark.DEFAULT_EEGMMIDB))
                .run();
        System.out.println("spindles-net closed-loop run: " + r);
        assertTrue(r.events() >= 4, "planted spindles in 15 s: " + r.events());
        assertTrue(r.detected() >= 1, "detected " + r.detected() + " of " + r.events());
        assertEquals(r.detected(), r.latency().count(), r.toString());
        assertTrue(r.inference().count() > 100 && r.inference().p50Ms() > 0, "inference timed: " + r.inference());
        assertEquals(
                "spindle-net",
                r.config().path("pipeline").path("detector").path("type").asText());
    }
}
