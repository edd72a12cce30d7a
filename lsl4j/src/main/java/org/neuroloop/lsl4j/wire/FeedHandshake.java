package org.neuroloop.lsl4j.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslLostException;

/**
 * The inlet's side of a protocol-1.10 data feed request (docs/lsl-protocol.md §3): the {@code LSL:streamfeed/110 <uid>}
 * request with its headers, and the check of the outlet's response header.
 *
 * <p>We always ask for little endian with {@code Endian-Performance: 0}, so the outlet never swaps and always sends
 * little endian; a response announcing anything else is refused.
 */
public final class FeedHandshake {
    /** The data protocol version we speak. */
    public static final int PROTOCOL_VERSION = 110;
    /** liblsl's code for little endian. */
    public static final int LITTLE_ENDIAN = 1234;
    /** Response headers longer than this are not LSL. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private FeedHandshake() {}

    /**
     * The request bytes, as liblsl's inlet writes them (data_receiver.cpp): the stream's own hostname, source id and
     * session id go into the last three headers.
     *
     * @param maxBufferSamples {@code Max-Buffer-Length}, the outlet's queue length for us in samples
     */
    public static byte[] request(StreamEndpoint stream, int maxBufferSamples) {
        String r = "LSL:streamfeed/" + PROTOCOL_VERSION + " " + stream.uid() + "\r\n"
                + "Native-Byte-Order: " + LITTLE_ENDIAN + "\r\n"
                + "Endian-Performance: 0\r\n"
                + "Has-IEEE754-Floats: 1\r\n"
                + "Supports-Subnormals: 1\r\n"
                + "Value-Size: " + valueSize(stream.format()) + "\r\n"
                + "Data-Protocol-Version: " + PROTOCOL_VERSION + "\r\n"
                + "Max-Buffer-Length: " + maxBufferSamples + "\r\n"
                + "Max-Chunk-Length: 0\r\n"
                + "Hostname: " + oneLine(stream.hostname()) + "\r\n"
                + "Source-Id: " + oneLine(stream.sourceId()) + "\r\n"
                + "Session-Id: " + oneLine(stream.sessionId()) + "\r\n"
                + "\r\n";
        return r.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code Value-Size} for string streams. liblsl 1.10 compares it with its own {@code sizeof(std::string)} even for
     * strings and falls back to protocol 1.00 when they differ: that is 8 in the lsl.js 1.10 build (old libstdc++
     * string ABI; measured: 0, 24 and 32 get "Data-Protocol-Version: 100"). liblsl 1.17 ignores it for strings.
     */
    public static final int STRING_VALUE_SIZE = 8;

    /** {@code Value-Size}: bytes of one channel value, {@link #STRING_VALUE_SIZE} for strings. */
    public static int valueSize(ChannelFormat format) {
        return format == ChannelFormat.STRING ? STRING_VALUE_SIZE : format.bytes();
    }

    /**
     * {@code Max-Buffer-Length} as liblsl's inlet computes it: seconds x nominal rate, or x100 samples for an
     * irregular stream; at least 1 (0 would make the outlet stop after the test patterns).
     */
    public static int maxBufferSamples(int maxBufferSeconds, double nominalRate) {
        double n = nominalRate > 0 ? Math.ceil(maxBufferSeconds * nominalRate) : maxBufferSeconds * 100.0;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /**
     * Position just after the end of the first line in {@code in} (from its position to its limit), or -1 when the
     * line is not complete yet. Does not move the buffer.
     */
    static int lineEnd(ByteBuffer in, int from) {
        for (int i = from; i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Position just after the response header (the empty line ending it), or -1 when the header is not complete yet.
     * Lines end with CRLF (a bare LF is accepted too).
     */
    static int headerEnd(ByteBuffer in) {
        int line = in.position();
        while (true) {
            int end = lineEnd(in, line);
            if (end < 0) {
                return -1;
            }
            int len = end - line - 1;
            if (len == 0 || (len == 1 && in.get(line) == '\r')) {
                return end;
            }
            line = end;
        }
    }

    /**
     * Checks the status line as soon as it is complete: only {@code 200} lets the feed go on.
     *
     * @throws LslLostException on 404: the outlet no longer serves this uid (closed or replaced; re-resolve)
     * @throws LslProtocolException on any other status or a line that is not an LSL status line
     */
    static void checkStatus(String statusLine, StreamEndpoint stream) {
        String[] parts = statusLine.trim().split(" +", 3);
        if (parts.length < 2 || !parts[0].startsWith("LSL/")) {
            throw new LslProtocolException("outlet " + stream.describe() + " answered the feed request with '"
                    + statusLine.trim() + "', expected 'LSL/110 200 OK'");
        }
        switch (parts[1]) {
            case "200" -> {}
            case "404" ->
                throw new LslLostException(
                        "outlet " + stream.describe() + " does not serve this uid any more ('" + statusLine.trim()
                                + "'): it was closed or replaced by a new outlet; resolve the stream again");
            default ->
                throw new LslProtocolException(
                        "outlet " + stream.describe() + " refused the feed request: '" + statusLine.trim() + "'");
        }
    }

    /**
     * Checks a complete 200 response header (status line and fields, CRLF-separated): it must announce
     * {@code Byte-Order: 1234} and {@code Data-Protocol-Version: 110}, and if it names a {@code UID}, ours.
     *
     * @throws LslProtocolException quoting the header otherwise
     */
    static void checkHeader(String header, StreamEndpoint stream) {
        String[] lines = header.split("\r?\n");
        checkStatus(lines[0], stream);
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            int comment = l.indexOf(';');
            if (comment >= 0) {
                l = l.substring(0, comment);
            }
            int colon = l.indexOf(':');
            if (colon > 0) {
                fields.put(
                        l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        l.substring(colon + 1).trim());
            }
        }
        String order = fields.get("byte-order");
        String version = fields.get("data-protocol-version");
        String uid = fields.get("uid");
        String problem = null;
        if (!String.valueOf(LITTLE_ENDIAN).equals(order)) {
            problem = "Byte-Order " + order + " (expected " + LITTLE_ENDIAN + ", little endian)";
        } else if (!String.valueOf(PROTOCOL_VERSION).equals(version)) {
            problem = "Data-Protocol-Version " + version + " (expected " + PROTOCOL_VERSION + "; 100 means the outlet "
                    + "did not accept our Value-Size or float format)";
        } else if (uid != null && !uid.equals(stream.uid())) {
            problem = "UID " + uid + " (expected " + stream.uid() + ")";
        }
        if (problem != null) {
            throw new LslProtocolException("outlet " + stream.describe() + " answered the feed request with " + problem
                    + "; header was: " + header.trim().replace("\r\n", " | "));
        }
    }
}
