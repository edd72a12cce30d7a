package org.neuroloop.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code bench wake --json} for half a second per probe: both modes measured (chrt is on the test machine), every
 * probe with waits counted and ordered percentiles. No timing assertion: the figures depend on the machine.
 */
class BenchWakeCommandTest {

    @Test
    void measuresBothProbesInBothModes() throws Exception {
        BenchCliRun run = BenchCliRun.of("bench", "wake", "--json", "--seconds", "0.5", "--rounds", "1");
        assertEquals(0, run.code());
        JsonNode json = run.json();
        assertEquals(
                Runtime.getRuntime().availableProcessors(),
                json.get("idle_poll_loops").asInt(),
                json.toString());
        for (String mode : new String[] {"halting", "idle_poll"}) {
            for (String probe : new String[] {"sleep_1ms_overshoot", "loopback_tcp_hop"}) {
                JsonNode p = json.get(mode + "." + probe);
                assertTrue(p != null && p.get("count").asInt() > 100, mode + "." + probe + " in " + json);
                assertTrue(p.get("p50_ms").asDouble() <= p.get("p99_ms").asDouble(), p.toString());
                assertTrue(p.get("p99_ms").asDouble() <= p.get("max_ms").asDouble(), p.toString());
            }
        }
    }
}
