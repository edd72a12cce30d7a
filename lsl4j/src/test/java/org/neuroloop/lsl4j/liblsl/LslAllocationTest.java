package org.neuroloop.lsl4j.liblsl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * Steady-state pushChunk/pullChunk allocate nothing on the Java heap (measured with the JVM's per-thread allocation
 * counter, a byte count rather than a time).
 */
class LslAllocationTest {
    private static final int CH = 8;
    private static final int N = 10;

    @Test
    @Timeout(60)
    void steadyStatePushAndPullDoNotAllocate() {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        String name = "nl-alloc-" + UUID.randomUUID().toString().substring(0, 8);
        StreamOutlet out = Liblsl.outlet(name, "EEG", CH, 500, ChannelFormat.FLOAT32, name);
        try (out;
                StreamInlet in = Liblsl.openInlet(name)) {
            assertTrue(out.waitForConsumers(10.0));
            float[] push = new float[N * CH];
            double[] pushTs = new double[N];
            float[] pull = new float[N * CH];
            double[] pullTs = new double[N];
            roundTrips(out, in, push, pushTs, pull, pullTs, 300); // warm-up: JIT, buffer growth
            long before = mx.getCurrentThreadAllocatedBytes();
            int pulls = roundTrips(out, in, push, pushTs, pull, pullTs, 300);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(
                    allocated < 300 * 8L,
                    allocated + " bytes allocated over 300 push/pull round trips (" + pulls + " pulls)");
        }
    }

    private static int roundTrips(
            StreamOutlet out,
            StreamInlet in,
            float[] push,
            double[] pushTs,
            float[] pull,
            double[] pullTs,
            int rounds) {
        int pulls = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < N; i++) {
                pushTs[i] = 1000 + r + i * 0.002;
                for (int c = 0; c < CH; c++) {
                    push[i * CH + c] = r + i + c;
                }
            }
            out.pushChunk(push, N, pushTs, true);
            int got = 0;
            while (got < N) {
                int n = in.pullChunk(pull, pullTs, 1.0);
                pulls++;
                if (n == 0) {
                    throw new AssertionError("no data within 1 s in round " + r);
                }
                got += n;
            }
        }
        return pulls;
    }
}
