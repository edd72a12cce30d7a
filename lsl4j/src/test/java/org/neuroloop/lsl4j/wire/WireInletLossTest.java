package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.inlet;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.samples;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslLostException;

/**
 * How a {@link WireInlet} notices a lost connection to a {@link ScriptedOutlet}: after the buffered samples, in
 * non-waiting pulls, and when closed from another thread during a blocked pull.
 */
class WireInletLossTest {
    @Test
    @Timeout(20)
    void samplesReceivedBeforeTheOutletClosedAreStillPulledThenTheStreamIsLost() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 2, 10.0);
        byte[] data = samples(
                codec, new float[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {7, 0, 0}, new boolean[] {true, false, false
                });
        try (ScriptedOutlet outlet = ScriptedOutlet.feedingThenClosing(codec, data);
                WireInlet in = inlet(ChannelFormat.FLOAT32, 2, 10.0, outlet.port())) {
            in.open(5.0);
            float[] out = new float[2];
            double[] ts = new double[1];
            int n = 0;
            LslLostException lost = null;
            for (int k = 0; k < 20 && lost == null; k++) {
                try {
                    n += in.pullChunk(out, ts, 1.0);
                } catch (LslLostException e) {
                    lost = e;
                }
            }
            assertEquals(3, n, "every sample sent before the close is delivered");
            assertTrue(lost != null, "then the stream is lost");
            assertThrows(LslLostException.class, () -> in.pullChunk(out, ts, 0.0), "and stays lost");
        }
    }

    @Test
    @Timeout(20)
    void nonWaitingPullsAlsoNoticeAClosedConnection() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 1, 10.0);
        try (ScriptedOutlet outlet = ScriptedOutlet.feedingThenClosing(codec, new byte[0]);
                WireInlet in = inlet(ChannelFormat.FLOAT32, 1, 10.0, outlet.port())) {
            in.open(5.0);
            LslLostException lost = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (lost == null && System.nanoTime() < deadline) {
                try {
                    assertEquals(0, in.pullChunk(new float[1], new double[1], 0.0));
                    Thread.sleep(10);
                } catch (LslLostException e) {
                    lost = e;
                }
            }
            assertTrue(lost != null, "a timeout-0 pull reads the end of the connection too");
        }
    }

    @Test
    @Timeout(20)
    void closeFromAnotherThreadEndsABlockedPull() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 1, 10.0);
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(codec, new byte[0]);
                WireInlet in = inlet(ChannelFormat.FLOAT32, 1, 10.0, outlet.port())) {
            in.open(5.0);
            CompletableFuture<Object> pull = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.pullChunk(new float[1], new double[1], 30.0);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(200); // let the pull block (if it has not yet, it finds the inlet closed: same outcome)
            in.close();
            Object result = pull.get(10, TimeUnit.SECONDS);
            assertTrue(result instanceof LslLostException || Integer.valueOf(0).equals(result), "got " + result);
            in.close(); // idempotent
        }
    }
}
