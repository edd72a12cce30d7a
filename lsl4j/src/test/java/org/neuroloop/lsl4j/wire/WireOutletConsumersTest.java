package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.LiblslInlets.WAIT;
import static org.neuroloop.lsl4j.wire.LiblslInlets.drain;
import static org.neuroloop.lsl4j.wire.LiblslInlets.inletFor;
import static org.neuroloop.lsl4j.wire.LiblslInlets.outlet;
import static org.neuroloop.lsl4j.wire.LiblslInlets.pullAll;
import static org.neuroloop.lsl4j.wire.LiblslInlets.push;
import static org.neuroloop.lsl4j.wire.LiblslInlets.unique;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * A {@link WireOutlet} with several, departing and recovering liblsl inlets ({@link LiblslInlets}), and its push path's
 * allocations in the steady state.
 */
class WireOutletConsumersTest {

    @Test
    @Timeout(60)
    void twoInletsReceiveAndClosingOneDoesNotDisturbTheOther() throws Exception {
        int channels = 2;
        try (WireOutlet out = outlet(unique("two"), "EEG", channels, 100, ChannelFormat.FLOAT32, "")) {
            StreamInlet a = inletFor(out);
            StreamInlet b = inletFor(out);
            try {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (out.consumerCount() < 2 && System.nanoTime() < deadline) {
                    out.waitForConsumers(0.1);
                    Thread.sleep(10);
                }
                assertEquals(2, out.consumerCount());
                Thread.currentThread().interrupt(); // an interrupted pusher must not close the consumers' sockets
                push(out, 0, 10, channels);
                assertTrue(Thread.interrupted(), "the pusher's interrupt flag is kept");
                float[] got = new float[10 * channels];
                double[] ts = new double[10];
                assertEquals(10, pullAll(a, got, ts, 10, channels));
                assertEquals(9f, got[18]);
                assertEquals(10, pullAll(b, got, ts, 10, channels));
                assertEquals(9f, got[18]);

                a.close();
                deadline = System.nanoTime() + 10_000_000_000L;
                while (out.consumerCount() > 1 && System.nanoTime() < deadline) {
                    push(out, -1, 1, channels); // a hang-up shows on the next send at the latest
                    Thread.sleep(20);
                }
                assertEquals(1, out.consumerCount());
                drain(b, channels);
                push(out, 10, 10, channels);
                assertEquals(10, pullAll(b, got, ts, 10, channels));
                assertEquals(10f, got[0]);
                assertEquals(19f, got[18]);

                out.close();
                out.close(); // idempotent
                assertFalse(out.haveConsumers());
                StreamInlet lostOne = b;
                LslLostException lost = assertThrows(LslLostException.class, () -> {
                    long end = System.nanoTime() + 20_000_000_000L;
                    while (System.nanoTime() < end) {
                        lostOne.pullChunk(got, ts, 0.2);
                    }
                });
                assertTrue(lost.getMessage().contains("lost"), lost.getMessage());
                assertThrows(IllegalStateException.class, () -> push(out, 0, 1, channels));
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void steadyStatePushesDoNotAllocate() {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int channels = 8;
        int n = 10;
        try (WireOutlet out = outlet(unique("alloc"), "EEG", channels, 500, ChannelFormat.FLOAT32, "");
                StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            float[] d = new float[n * channels];
            double[] ts = new double[n];
            float[] got = new float[n * channels];
            double[] gotTs = new double[n];
            long allocated = 0;
            for (int r = 0; r < 600; r++) {
                Arrays.fill(d, r);
                for (int i = 0; i < n; i++) {
                    ts[i] = i % 2 == 0 ? 0.0 : 2000.0 + r + i * 0.002; // "now" and given stamps
                }
                long before = mx.getCurrentThreadAllocatedBytes();
                out.pushChunk(d, n, ts, true);
                long after = mx.getCurrentThreadAllocatedBytes();
                if (r >= 300) { // after warm-up (JIT, buffer growth)
                    allocated += after - before;
                }
                assertEquals(n, pullAll(in, got, gotTs, n, channels));
                assertEquals(r, got[n * channels - 1]);
            }
            assertTrue(allocated < 300 * 8L, allocated + " bytes allocated by 300 pushes");
        }
    }

    @Test
    @Timeout(60)
    void aRecoveringLiblslInletFollowsARestartedOutletWithTheSameSourceId() {
        String name = unique("restart");
        String source = unique("src");
        WireOutlet first = outlet(name, "EEG", 2, 100, ChannelFormat.FLOAT32, source);
        List<StreamInfo> found = StreamResolver.resolveByProperty("source_id", source, 1, WAIT);
        assertEquals(1, found.size());
        try (StreamInlet in = new StreamInlet(found.get(0), 360, 0, true)) {
            StreamResolver.closeAll(found);
            in.open(WAIT);
            assertTrue(first.waitForConsumers(WAIT));
            push(first, 0, 5, 2);
            float[] got = new float[10];
            double[] ts = new double[5];
            assertEquals(5, pullAll(in, got, ts, 5, 2));
            first.close();
            try (WireOutlet second = outlet(name, "EEG", 2, 100, ChannelFormat.FLOAT32, source)) {
                // liblsl notices the loss, re-resolves by name/type/source_id/format and connects to the new uid
                assertTrue(second.waitForConsumers(30.0), "the recovering inlet did not reconnect");
                push(second, 100, 5, 2);
                assertEquals(5, pullAll(in, got, ts, 5, 2));
                assertEquals(100f, got[0]);
                assertEquals(104f, got[9]);
            }
        } finally {
            first.close();
        }
    }
}
