package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.OK_HEADER;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.infoXml;
import static org.neuroloop.lsl4j.wire.ScriptedOutlet.inlet;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslTimeoutException;

/**
 * {@link WireInlet}'s handshake checks against a {@link ScriptedOutlet}: wrong test patterns, refused headers,
 * a replaced outlet, a silent one; and the pulls and addresses an inlet refuses before any connection.
 */
class WireInletHandshakeTest {
    @Test
    @Timeout(20)
    void aWrongTestPatternIsAProtocolError() throws Exception {
        SampleCodec codec = new SampleCodec(ChannelFormat.FLOAT32, 3, 100.0);
        SampleCodec otherFormat = new SampleCodec(ChannelFormat.INT32, 3, 100.0); // same size, other values
        try (ScriptedOutlet outlet = ScriptedOutlet.feeding(otherFormat, new byte[0]);
                WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            LslProtocolException e = assertThrows(LslProtocolException.class, () -> in.open(5.0));
            assertTrue(e.getMessage().contains("test pattern 4"), e.getMessage());
            assertTrue(codec.channels() == 3);
        }
    }

    @Test
    @Timeout(20)
    void aBigEndianOrOldProtocolResponseIsRefusedQuotingTheHeader() throws Exception {
        for (String header : new String[] {
            OK_HEADER.replace("Byte-Order: 1234", "Byte-Order: 4321"),
            OK_HEADER.replace("Data-Protocol-Version: 110", "Data-Protocol-Version: 100"),
            "LSL/110 505 Version not supported\r\n\r\n"
        }) {
            try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
                        out.write(header.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(30_000);
                    });
                    WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
                LslProtocolException e = assertThrows(LslProtocolException.class, () -> in.open(5.0));
                String firstLine = header.substring(0, header.indexOf('\r'));
                assertTrue(e.getMessage().contains(header.contains("505") ? firstLine : "Byte-Order"), e.getMessage());
            }
        }
    }

    @Test
    @Timeout(20)
    void notFoundMeansTheOutletWasReplaced() throws Exception {
        // liblsl 1.10 sends the 404 line without a line end and closes the connection (measured)
        for (String answer : new String[] {"LSL/110 404 Not found", "LSL/110 404 Not found\r\n\r\n"}) {
            try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> {
                        out.write(answer.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        out.close();
                    });
                    WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
                LslLostException e = assertThrows(LslLostException.class, () -> in.open(5.0));
                assertTrue(e.getMessage().contains("404"), e.getMessage());
                assertThrows(
                        LslLostException.class, () -> in.pullChunk(new float[3], new double[1], 0.0), "stays lost");
            }
        }
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> out.close());
                WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            assertThrows(LslLostException.class, () -> in.open(5.0), "closed without an answer");
        }
    }

    @Test
    @Timeout(20)
    void aSilentOutletTimesTheHandshakeOut() throws Exception {
        try (ScriptedOutlet outlet = new ScriptedOutlet((req, out) -> Thread.sleep(30_000));
                WireInlet in = inlet(ChannelFormat.FLOAT32, 3, 100.0, outlet.port())) {
            assertThrows(LslTimeoutException.class, () -> in.open(0.3));
        }
    }

    @Test
    void wrongPullsAndNonLoopbackAddressesAreRefused() {
        WireInlet strings = inlet(ChannelFormat.STRING, 1, 0.0, 16572);
        assertThrows(IllegalArgumentException.class, () -> strings.pullChunk(new float[1], new double[1], 0.0));
        assertThrows(IllegalArgumentException.class, () -> strings.pullChunk(new double[1], new double[1], 0.0));
        WireInlet numbers = inlet(ChannelFormat.FLOAT32, 1, 10.0, 16572);
        assertThrows(IllegalArgumentException.class, () -> numbers.pullStrings(new String[1], new double[1], 0.0));
        strings.close();
        numbers.close();

        LslException e = assertThrows(
                LslException.class,
                () -> StreamEndpoint.fromXml(infoXml("far", ChannelFormat.FLOAT32, 1, 10.0, "192.168.1.20", 16572)));
        assertTrue(e.getMessage().contains("192.168.1.20") && e.getMessage().contains("loopback"), e.getMessage());
        e = assertThrows(
                LslException.class,
                () -> StreamEndpoint.fromXml(infoXml("named", ChannelFormat.FLOAT32, 1, 10.0, "eeg-host", 16572)));
        assertTrue(e.getMessage().contains("eeg-host"), e.getMessage());
        assertEquals(
                "127.0.0.2",
                StreamEndpoint.fromXml(infoXml("lo", ChannelFormat.FLOAT32, 1, 10.0, "127.0.0.2", 16572))
                        .address()
                        .getHostAddress());
        e = assertThrows(
                LslException.class,
                () -> StreamEndpoint.fromXml(infoXml("bad", ChannelFormat.FLOAT32, 1, 10.0, "", 16572)
                        .replace("<channel_count>1<", "<channel_count>x<")));
        assertTrue(e.getMessage().contains("channel_count") && e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new WireInlet(
                        StreamEndpoint.fromXml(infoXml("buf", ChannelFormat.FLOAT32, 1, 10.0, "", 16572)), 0));
        assertEquals(36000, FeedHandshake.maxBufferSamples(360, 0.0));
        assertEquals(92160, FeedHandshake.maxBufferSamples(360, 256.0));
    }
}
