package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.liblsl.Liblsl;

/**
 * Recovery after an outlet restart, both ways against real liblsl 1.10, and loss reporting: without recovery a
 * closed outlet or a silent regular stream (watchdog) ends the pulls with {@link LslLostException}.
 */
class RecoveryInteropTest {
    private static final String RUN = "rec" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final long DEADLINE_NANOS = 20_000_000_000L;

    private static StreamInfo resolveOne(String name) {
        List<StreamInfo> found = StreamResolver.resolveByProp("name", name, 1, 10.0);
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    /** Pushes one sample per round through {@code push} until {@code in} returns one; the value pulled. */
    private static float firstValue(Runnable push, StreamInlet in) {
        float[] v = new float[1];
        double[] ts = new double[1];
        long end = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() < end) {
            push.run();
            if (in.pullChunk(v, ts, 0.2) == 1) {
                return v[0];
            }
        }
        throw new AssertionError("no sample within 20 s");
    }

    @Test
    @Timeout(90)
    void lsl4jInletRecoversWhenARestartedLiblslOutletWithTheSameSourceIdReturns() {
        String name = RUN + "-l";
        var first = Liblsl.outlet(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name + "-src");
        try (StreamInlet in = new StreamInlet(resolveOne(name))) {
            String uid = in.uid();
            in.openStream(10.0);
            assertEquals(1f, firstValue(() -> first.pushChunk(new float[] {1f}, 1, new double[] {0}, true), in));
            first.close();
            try (var second = Liblsl.outlet(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name + "-src")) {
                assertEquals(2f, firstValue(() -> second.pushChunk(new float[] {2f}, 1, new double[] {0}, true), in));
                assertNotEquals(uid, in.uid());
                assertEquals(1, in.losses());
            }
        }
    }

    @Test
    @Timeout(90)
    void lsl4jInletRecoversByNameTypeAndHostWhenTheStreamHasNoSourceId() {
        String name = RUN + "-nosrc";
        var first = Liblsl.outlet(name, "EEG", 1, 100, ChannelFormat.FLOAT32, "");
        try (StreamInlet in = new StreamInlet(resolveOne(name))) {
            assertEquals(1f, firstValue(() -> first.pushChunk(new float[] {1f}, 1, new double[] {0}, true), in));
            first.close();
            try (var second = Liblsl.outlet(name, "EEG", 1, 100, ChannelFormat.FLOAT32, "")) {
                assertEquals(2f, firstValue(() -> second.pushChunk(new float[] {2f}, 1, new double[] {0}, true), in));
                assertEquals(1, in.losses());
            }
        }
    }

    @Test
    @Timeout(90)
    void liblslInletRecoversWhenARestartedLsl4jOutletWithTheSameSourceIdReturns() {
        String name = RUN + "-j";
        StreamOutlet first =
                new StreamOutlet(StreamInfo.create(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name + "-s"));
        try (var in = Liblsl.inlet(name, true, 10.0)) {
            in.open(10.0);
            float[] v = new float[1];
            double[] ts = new double[1];
            assertTrue(receive(() -> first.pushSample(new float[] {1f}), () -> in.pullChunk(v, ts, 0.2)));
            assertEquals(1f, v[0]);
            first.close();
            try (StreamOutlet second =
                    new StreamOutlet(StreamInfo.create(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name + "-s"))) {
                assertTrue(receive(() -> second.pushSample(new float[] {2f}), () -> in.pullChunk(v, ts, 0.2)));
                assertEquals(2f, v[0]);
            }
        }
    }

    private interface Pull {
        int pull();
    }

    private static boolean receive(Runnable push, Pull pull) {
        long end = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() < end) {
            push.run();
            if (pull.pull() == 1) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Timeout(60)
    void withoutRecoveryAClosedOutletEndsThePullsWithLost() {
        String name = RUN + "-lost";
        var out = Liblsl.outlet(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name);
        try (StreamInlet in = new StreamInlet(resolveOne(name), 360, 0, false)) {
            assertEquals(1f, firstValue(() -> out.pushChunk(new float[] {1f}, 1, new double[] {0}, true), in));
            out.close();
            long closed = System.nanoTime();
            assertThrows(LslLostException.class, () -> {
                while (System.nanoTime() - closed < 10_000_000_000L) {
                    in.pullChunk(new float[1], new double[1], 0.1);
                }
            });
            assertTrue(System.nanoTime() - closed < 5_000_000_000L, "loss noticed within 5 s");
        }
    }

    @Test
    @Timeout(60)
    void theWatchdogReportsASilentRegularStreamWithinItsTime() {
        String name = RUN + "-quiet";
        try (var out = Liblsl.outlet(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name);
                StreamInlet in = new StreamInlet(resolveOne(name), 360, 0, false)) {
            in.setWatchdogSeconds(1.0);
            assertEquals(1f, firstValue(() -> out.pushChunk(new float[] {1f}, 1, new double[] {0}, true), in));
            long quietFrom = System.nanoTime();
            LslLostException e = assertThrows(LslLostException.class, () -> {
                while (System.nanoTime() - quietFrom < 10_000_000_000L) {
                    in.pullChunk(new float[1], new double[1], 0.1);
                }
            });
            double seconds = (System.nanoTime() - quietFrom) * 1e-9;
            assertTrue(seconds >= 1.0 && seconds < 2.0, "reported after " + seconds + " s: " + e.getMessage());
        }
    }
}
