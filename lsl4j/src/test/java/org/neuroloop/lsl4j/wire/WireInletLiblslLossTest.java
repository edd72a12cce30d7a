package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.outlet;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.resolve;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.unique;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.warmUp;
import static org.neuroloop.lsl4j.wire.LiblslFeeds.wireInlet;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamOutlet;

/**
 * How a {@link WireInlet} loses a real liblsl outlet on loopback ({@link LiblslFeeds}): the outlet closes, or the
 * resolved uid is no longer served.
 */
class WireInletLiblslLossTest {

    @Test
    @Timeout(60)
    void closingTheOutletLosesTheStream() {
        String name = unique("lost");
        StreamOutlet out = outlet(name, 1, 100.0, ChannelFormat.FLOAT32);
        WireInlet wire = null;
        boolean outletClosed = false;
        try (StreamInfo info = resolve(name)) {
            wire = wireInlet(info);
            warmUp(out, wire);
            out.close();
            outletClosed = true;
            float[] buf = new float[16];
            double[] ts = new double[16];
            long deadline = System.nanoTime() + 20_000_000_000L;
            LslLostException lost = null;
            while (lost == null && System.nanoTime() < deadline) {
                try {
                    wire.pullChunk(buf, ts, 1.0);
                } catch (LslLostException e) {
                    lost = e;
                }
            }
            assertTrue(lost != null, "no LslLostException within 20 s of closing the outlet");
            WireInlet w = wire;
            assertThrows(LslLostException.class, () -> w.pullChunk(buf, ts, 0.0), "the inlet stays lost");
        } finally {
            if (wire != null) {
                wire.close();
            }
            if (!outletClosed) {
                out.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void aResolvedUidThatTheOutletNoLongerServesIsLost() {
        String name = unique("replaced");
        StreamOutlet first = outlet(name, 1, 100.0, ChannelFormat.FLOAT32);
        StreamOutlet second = null;
        try {
            String oldXml;
            try (StreamInfo info = resolve(name)) {
                oldXml = info.toXml();
            }
            first.close();
            first = null;
            second = outlet(name, 1, 100.0, ChannelFormat.FLOAT32);
            // the old info: 404 if the new outlet took over the port, refused otherwise; lost either way
            try (WireInlet stale = new WireInlet(StreamEndpoint.fromXml(oldXml), 10)) {
                assertThrows(LslLostException.class, () -> stale.open(10.0));
            }
            // the new outlet's address with a uid it does not serve: exactly the 404 case
            try (StreamInfo info = resolve(name)) {
                StreamEndpoint current = StreamEndpoint.fromXml(info.toXml());
                String xml =
                        info.toXml().replace(current.uid(), UUID.randomUUID().toString());
                try (WireInlet wrong = new WireInlet(StreamEndpoint.fromXml(xml), 10)) {
                    LslLostException e = assertThrows(LslLostException.class, () -> wrong.open(10.0));
                    assertTrue(e.getMessage().contains("404"), e.getMessage());
                }
            }
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
