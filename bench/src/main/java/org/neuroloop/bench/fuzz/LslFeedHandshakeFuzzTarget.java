package org.neuroloop.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.wire.StreamEndpoint;

/**
 * The text half of the data-feed handshake, both ends: an outlet parsing a consumer's {@code LSL:streamfeed}
 * request (its request line and header fields), and an inlet checking the outlet's response (status line and
 * header). An input starting with {@code LSL/} is a response, anything else a request. The request parser
 * documents {@link IllegalArgumentException} (the outlet answers it with an error), the response check
 * {@link LslException}; both are package-private and reached through {@link HiddenMethod}.
 */
final class LslFeedHandshakeFuzzTarget implements FuzzTarget {
    private static final String PACKAGE = "org.neuroloop.lsl4j.wire.";
    private static final String UID = "42954434-6441-4b6b-bc88-82477e784970";
    private static final List<String> SEEDS = List.of(
            "LSL:streamfeed/110 " + UID + "\r\nNative-Byte-Order: 1234\r\nEndian-Performance: 0\r\n"
                    + "Has-IEEE754-Floats: 1\r\nSupports-Subnormals: 1\r\nValue-Size: 4\r\n"
                    + "Data-Protocol-Version: 110\r\n"
                    + "Max-Buffer-Length: 360\r\nMax-Chunk-Length: 0\r\nHostname: x\r\nSource-Id: y\r\n"
                    + "Session-Id: default\r\n",
            "LSL:streamfeed/100 \r\nValue-Size: 8 ; comment\r\n",
            "LSL/110 200 OK\r\nUID: " + UID + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: 0\r\n"
                    + "Data-Protocol-Version: 110\r\n",
            "LSL/110 404 Not found\r\n");
    private static final String INFO = "<?xml version=\"1.0\"?><info><name>Vec</name><type>EEG</type>"
            + "<channel_count>3</channel_count><channel_format>float32</channel_format>"
            + "<nominal_srate>100</nominal_srate>"
            + "<uid>" + UID + "</uid><v4address></v4address><v4data_port>16572</v4data_port>"
            + "<v4service_port>16572</v4service_port><desc /></info>";

    private final HiddenMethod parseRequest;
    private final HiddenMethod checkHeader;
    private StreamEndpoint stream;

    LslFeedHandshakeFuzzTarget() {
        try {
            parseRequest = new HiddenMethod(
                    Class.forName(PACKAGE + "FeedRequest"), "parse", String.class, List.class, ChannelFormat.class);
            checkHeader = new HiddenMethod(
                    Class.forName(PACKAGE + "FeedHandshake"), "checkHeader", String.class, StreamEndpoint.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the LSL feed handshake classes moved: update the fuzz target", e);
        }
    }

    @Override
    public String name() {
        return "lsl-feed-handshake";
    }

    @Override
    public void parse(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        if (text.startsWith("LSL/")) {
            if (stream == null) {
                stream = StreamEndpoint.fromXml(INFO);
            }
            checkHeader.call(text, stream);
            return;
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            return;
        }
        ChannelFormat format = ChannelFormat.values()[(text.length() & 0x7fffffff) % ChannelFormat.values().length];
        parseRequest.call(lines.get(0), lines.subList(1, lines.size()), format);
    }

    @Override
    public boolean documented(Throwable failure) {
        return failure instanceof IllegalArgumentException || failure instanceof LslException;
    }

    @Override
    public List<byte[]> seeds(Path sharedData, int maxLength) {
        return SEEDS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
