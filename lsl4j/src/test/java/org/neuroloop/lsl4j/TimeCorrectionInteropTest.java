package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.liblsl.Liblsl;

/**
 * lsl4j's {@code timeCorrection} agrees with liblsl's within 1 ms, on a liblsl outlet and on an lsl4j outlet; and
 * {@link StreamInlet#PROC_CLOCKSYNC} adds it to the pulled timestamps.
 */
class TimeCorrectionInteropTest {
    private static final String RUN = "tc" + Long.toString(System.nanoTime() % 1_000_000, 36);

    private static StreamInfo resolveOne(String name) {
        List<StreamInfo> found = StreamResolver.resolveByProp("name", name, 1, 10.0);
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    private static void agree(String name) {
        try (StreamInlet ours = new StreamInlet(resolveOne(name));
                var theirs = Liblsl.inlet(name, false, 10.0)) {
            for (int round = 0; round < 3; round++) {
                double a = ours.timeCorrection(5.0);
                double b = theirs.timeCorrection(5.0);
                assertTrue(Math.abs(a - b) < 1e-3, name + ": lsl4j " + a + " vs liblsl " + b);
            }
        }
    }

    @Test
    @Timeout(60)
    void agreesWithLiblslOnALiblslOutlet() {
        String name = RUN + "-l";
        try (var out = Liblsl.outlet(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name)) {
            agree(name);
        }
    }

    @Test
    @Timeout(60)
    void agreesWithLiblslOnAnLsl4jOutlet() {
        String name = RUN + "-j";
        try (StreamOutlet out = new StreamOutlet(StreamInfo.create(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name))) {
            agree(name);
        }
    }

    @Test
    @Timeout(60)
    void clockSyncAddsTheCorrectionToPulledTimestamps() {
        String name = RUN + "-sync";
        try (StreamOutlet out = new StreamOutlet(StreamInfo.create(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name));
                StreamInlet in = new StreamInlet(resolveOne(name), 360, 0, false, StreamInlet.PROC_CLOCKSYNC)) {
            in.openStream(10.0);
            assertTrue(out.waitForConsumers(10.0));
            out.pushSample(new float[] {1f}, 500.0);
            float[] v = new float[1];
            double t = in.pullSample(v, 10.0);
            double c = in.timeCorrection(5.0);
            assertEquals(500.0 + c, t, 1e-9);
        }
    }
}
