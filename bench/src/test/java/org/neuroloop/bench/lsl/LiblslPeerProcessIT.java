package org.neuroloop.bench.lsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The liblsl side of {@code bench lsl} works from the packaged build: a child JVM on {@code bench/target/liblsl-peer}
 * runs liblsl → lsl4j and lsl4j → liblsl and reports every sample received (figures are the benchmark's business,
 * not checked here). Runs after {@code package}, which copies the peer's classpath.
 */
class LiblslPeerProcessIT {
    @Test
    @Timeout(120)
    void bothMixedPairsRunInTheChildAndLoseNothing() throws Exception {
        Path root = Path.of(System.getProperty("neuroloop.root", "."))
                .toAbsolutePath()
                .normalize();
        LiblslPeerProcess peer = new LiblslPeerProcess(root);
        LslPairMain.Settings s = new LslPairMain.Settings(8, 500, 0.5, 0.2, 16, 0.5);
        for (LslEndpoints[] pair : new LslEndpoints[][] {
            {LslEndpoints.LIBLSL, LslEndpoints.LSL4J}, {LslEndpoints.LSL4J, LslEndpoints.LIBLSL}
        }) {
            JsonNode r = peer.run(pair[0], pair[1], s);
            String what = pair[0].label() + "->" + pair[1].label() + ": " + r;
            assertEquals(
                    r.path("one_hop").path("pushed").asLong(),
                    r.path("one_hop").path("samples").asLong(),
                    what);
            assertTrue(r.path("one_hop").path("samples").asLong() >= 250, what);
            assertEquals(0, r.path("throughput").path("lost").asLong(), what);
            assertTrue(r.path("throughput").path("samples_per_second").asLong() > 0, what);
        }
    }
}
