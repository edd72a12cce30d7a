package org.neuroloop.lsl4j.wire;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * A parsed {@code LSL:streamfeed/<version> <uid>} request with its headers (docs/lsl-protocol.md §3), and the outlet's
 * answer to it. Header names are case-insensitive; {@code ;} starts a comment.
 *
 * <p>The decision follows liblsl's {@code tcp_server}: a request whose major version ({@code version / 100}) is
 * above ours gets {@code 505}; a request naming another uid gets {@code 404} (how an inlet learns that the outlet it
 * knew is gone); the data protocol is the lower of ours (110) and the client's {@code Data-Protocol-Version}
 * (100 when absent), and falls to 100 when {@code Value-Size} differs from the channel size or the client lacks
 * IEEE-754 floats. We serve data protocol 1.10 only, so such a request is {@link Decision#UNSUPPORTED}.
 * We always send little endian ({@code Byte-Order: 1234}): liblsl inlets swap themselves when their native order
 * differs, and a liblsl outlet would also send little endian to them unless it measured itself faster at swapping.
 *
 * @param version the request's protocol version x100, e.g. 110
 * @param uid the uid the client wants, "" when not given
 * @param maxBufferLength {@code Max-Buffer-Length} in samples ({@link Integer#MAX_VALUE} when absent: no client limit)
 * @param dataProtocolVersion the negotiated data protocol (x100)
 */
record FeedRequest(int version, String uid, int maxBufferLength, int dataProtocolVersion) {
    /** The protocol version this outlet speaks. */
    static final int OUR_VERSION = 110;

    enum Decision {
        OK,
        NOT_FOUND,
        VERSION_NOT_SUPPORTED,
        UNSUPPORTED
    }

    /**
     * @param requestLine e.g. {@code LSL:streamfeed/110 42954434-...}
     * @param headerLines the lines after it, up to (not including) the empty line
     * @param format the stream's channel format (for the Value-Size check)
     * @throws IllegalArgumentException when the request line is not a versioned streamfeed request
     */
    static FeedRequest parse(String requestLine, List<String> headerLines, ChannelFormat format) {
        String prefix = "LSL:streamfeed/";
        if (!requestLine.startsWith(prefix)) {
            throw new IllegalArgumentException("not a versioned LSL:streamfeed request: " + requestLine);
        }
        String rest = requestLine.substring(prefix.length()).strip();
        int space = rest.indexOf(' ');
        String versionText = space < 0 ? rest : rest.substring(0, space);
        String uid = space < 0 ? "" : rest.substring(space + 1).strip();
        int version;
        try {
            version = Integer.parseInt(versionText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "LSL:streamfeed request with version '" + versionText + "', expected an integer like 110");
        }
        Map<String, String> headers = new HashMap<>();
        for (String raw : headerLines) {
            String line = raw;
            int comment = line.indexOf(';');
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        int maxBuffer = intHeader(headers, "max-buffer-length", Integer.MAX_VALUE);
        int dataProtocol = Math.min(OUR_VERSION, intHeader(headers, "data-protocol-version", 100));
        int valueSize = intHeader(headers, "value-size", -1);
        if (format != ChannelFormat.STRING && valueSize >= 0 && valueSize != format.bytes()) {
            dataProtocol = 100;
        }
        if (intHeader(headers, "has-ieee754-floats", 1) == 0) {
            dataProtocol = 100;
        }
        return new FeedRequest(version, uid, maxBuffer, dataProtocol);
    }

    private static int intHeader(Map<String, String> headers, String name, int dflt) {
        String v = headers.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** What to answer, for an outlet with {@code ourUid}. */
    Decision decide(String ourUid) {
        if (version / 100 > OUR_VERSION / 100) {
            return Decision.VERSION_NOT_SUPPORTED;
        }
        if (!uid.isEmpty() && !uid.equals(ourUid)) {
            return Decision.NOT_FOUND;
        }
        if (dataProtocolVersion < OUR_VERSION) {
            return Decision.UNSUPPORTED;
        }
        return Decision.OK;
    }

    /** The response header for a decision (UNSUPPORTED has none: the connection is just closed). */
    static String responseHeader(Decision d, String ourUid) {
        return switch (d) {
            case OK ->
                "LSL/" + OUR_VERSION + " 200 OK\r\nUID: " + ourUid + "\r\nByte-Order: 1234\r\n"
                        + "Suppress-Subnormals: 0\r\nData-Protocol-Version: " + OUR_VERSION + "\r\n\r\n";
            case NOT_FOUND -> "LSL/" + OUR_VERSION + " 404 Not found\r\n\r\n";
            case VERSION_NOT_SUPPORTED -> "LSL/" + OUR_VERSION + " 505 Version not supported\r\n\r\n";
            case UNSUPPORTED -> "";
        };
    }
}
