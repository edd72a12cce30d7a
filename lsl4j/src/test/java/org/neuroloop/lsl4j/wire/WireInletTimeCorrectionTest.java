package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.infoXml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslTimeoutException;

/**
 * {@link WireInlet#timeCorrection} against a {@link FakeTimeService}: the sign, the background refresh and the
 * minimum number of replies per wave.
 */
class WireInletTimeCorrectionTest {
    @Test
    @Timeout(20)
    void timeCorrectionIsMinusTheClockOffsetAndIsRefreshedInTheBackground() throws Exception {
        try (FakeTimeService service = new FakeTimeService(12.345, 8);
                WireInlet in = inlet("clock", service)) {
            double tc = in.timeCorrection(5.0);
            assertEquals(-12.345, tc, 0.005, "the value to add to the outlet's timestamps");
            service.offset.set(-3.0);
            assertEquals(tc, in.timeCorrection(0.0), "younger than 2 s: the cached value");
            Thread.sleep(2100);
            assertEquals(tc, in.timeCorrection(0.0), "older: still returned at once while a new wave runs");
            double refreshed = tc;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Math.abs(refreshed - 3.0) > 0.005 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                refreshed = in.timeCorrection(0.0);
            }
            assertEquals(3.0, refreshed, 0.005, "the background wave's result");
        }
    }

    @Test
    @Timeout(20)
    void aWaveWithFewerThanSixRepliesGivesNoTimeCorrection() throws Exception {
        try (FakeTimeService service = new FakeTimeService(0.0, 5);
                WireInlet in = inlet("clock5", service)) {
            LslTimeoutException e = assertThrows(LslTimeoutException.class, () -> in.timeCorrection(2.0));
            assertTrue(e.getMessage().contains("fewer than 6 of 8"), e.getMessage());
        }
        try (FakeTimeService service = new FakeTimeService(0.0, 6);
                WireInlet in = inlet("clock6", service)) {
            assertEquals(0.0, in.timeCorrection(2.0), 0.005, "six replies are enough");
        }
    }

    /** An inlet of a stream whose time service is {@code service}. */
    private static WireInlet inlet(String name, FakeTimeService service) {
        String xml = infoXml(name, ChannelFormat.FLOAT32, 1, 10.0, "", 16572)
                .replace("<v4service_port>16572<", "<v4service_port>" + service.port() + "<");
        return new WireInlet(StreamEndpoint.fromXml(xml), 10);
    }
}
