package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * {@link FeedRequest}: parsing a {@code LSL:streamfeed/110} request and the outlet's decision (docs/lsl-protocol.md
 * §3).
 */
class WireOutletRequestTest {
    private static final String UID = "6cd2cd77-d8ad-4b85-ac96-dd67e248c61a";

    /** The headers of the captured liblsl 1.10 inlet request ({@code captures/capture_f32_110npm.txt}). */
    private static final List<String> LIBLSL_110 = List.of(
            "Native-Byte-Order: 1234",
            "Endian-Performance: 0",
            "Has-IEEE754-Floats: 1",
            "Supports-Subnormals: 1",
            "Value-Size: 4",
            "Data-Protocol-Version: 110",
            "Max-Buffer-Length: 360",
            "Max-Chunk-Length: 0",
            "Hostname: x",
            "Source-Id: y",
            "Session-Id: default");

    @Test
    void acceptsTheCapturedLiblslRequest() {
        FeedRequest r = FeedRequest.parse("LSL:streamfeed/110 " + UID, LIBLSL_110, ChannelFormat.FLOAT32);
        assertEquals(new FeedRequest(110, UID, 360, 110), r);
        assertEquals(FeedRequest.Decision.OK, r.decide(UID));
        assertEquals(
                "LSL/110 200 OK\r\nUID: " + UID + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: 0\r\n"
                        + "Data-Protocol-Version: 110\r\n\r\n",
                FeedRequest.responseHeader(FeedRequest.Decision.OK, UID));
    }

    @Test
    void anotherUidIsNotFoundAndAHigherMajorVersionIsNotSupported() {
        assertEquals(
                FeedRequest.Decision.NOT_FOUND,
                FeedRequest.parse("LSL:streamfeed/110 other-uid", LIBLSL_110, ChannelFormat.FLOAT32)
                        .decide(UID));
        assertEquals(
                FeedRequest.Decision.VERSION_NOT_SUPPORTED,
                FeedRequest.parse("LSL:streamfeed/999 " + UID, LIBLSL_110, ChannelFormat.FLOAT32)
                        .decide(UID));
        // like liblsl, only the major version (version / 100) must not be higher; the data protocol is negotiated
        assertEquals(
                FeedRequest.Decision.OK,
                FeedRequest.parse("LSL:streamfeed/120 " + UID, LIBLSL_110, ChannelFormat.FLOAT32)
                        .decide(UID));
        // the version check comes first, as in liblsl's tcp_server
        assertEquals(
                FeedRequest.Decision.VERSION_NOT_SUPPORTED,
                FeedRequest.parse("LSL:streamfeed/200 other-uid", LIBLSL_110, ChannelFormat.FLOAT32)
                        .decide(UID));
        assertEquals(
                FeedRequest.Decision.OK,
                FeedRequest.parse("LSL:streamfeed/110", List.of("Data-Protocol-Version: 110"), ChannelFormat.FLOAT32)
                        .decide(UID),
                "a request without a uid takes whatever this outlet is");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndSemicolonsStartComments() {
        FeedRequest r = FeedRequest.parse(
                "LSL:streamfeed/110 " + UID,
                List.of("MAX-BUFFER-LENGTH: 25 ; samples", "data-protocol-version:110", "; just a comment", "garbage"),
                ChannelFormat.DOUBLE64);
        assertEquals(25, r.maxBufferLength());
        assertEquals(110, r.dataProtocolVersion());
        assertEquals(
                Integer.MAX_VALUE,
                FeedRequest.parse("LSL:streamfeed/110 " + UID, List.of(), ChannelFormat.FLOAT32)
                        .maxBufferLength(),
                "no Max-Buffer-Length: no client limit");
    }

    @Test
    void fallsBackToProtocol100WhichIsNotServed() {
        assertEquals(
                FeedRequest.Decision.UNSUPPORTED,
                FeedRequest.parse("LSL:streamfeed/110 " + UID, List.of(), ChannelFormat.FLOAT32)
                        .decide(UID),
                "no Data-Protocol-Version means 1.00");
        assertEquals(
                FeedRequest.Decision.UNSUPPORTED,
                FeedRequest.parse(
                                "LSL:streamfeed/110 " + UID,
                                List.of("Data-Protocol-Version: 110", "Value-Size: 8"),
                                ChannelFormat.FLOAT32)
                        .decide(UID));
        assertEquals(
                FeedRequest.Decision.UNSUPPORTED,
                FeedRequest.parse(
                                "LSL:streamfeed/110 " + UID,
                                List.of("Data-Protocol-Version: 110", "Has-IEEE754-Floats: 0"),
                                ChannelFormat.FLOAT32)
                        .decide(UID));
        // liblsl 1.10 inlets send sizeof(std::string) as Value-Size for string streams: no fallback there
        assertEquals(
                FeedRequest.Decision.OK,
                FeedRequest.parse(
                                "LSL:streamfeed/110 " + UID,
                                List.of("Data-Protocol-Version: 110", "Value-Size: 8"),
                                ChannelFormat.STRING)
                        .decide(UID));
    }

    @Test
    void rejectsUnversionedAndMalformedRequestLines() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FeedRequest.parse("LSL:streamfeed", List.of(), ChannelFormat.FLOAT32));
        assertThrows(
                IllegalArgumentException.class,
                () -> FeedRequest.parse("LSL:streamfeed/abc " + UID, List.of(), ChannelFormat.FLOAT32));
    }
}
