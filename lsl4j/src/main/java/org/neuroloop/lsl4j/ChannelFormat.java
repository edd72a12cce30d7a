package org.neuroloop.lsl4j;

import java.util.Locale;

/** Value type of every channel of a stream ({@code lsl_channel_format_t}), with its wire size in bytes. */
public enum ChannelFormat {
    FLOAT32(1, 4),
    DOUBLE64(2, 8),
    STRING(3, 0),
    INT32(4, 4),
    INT16(5, 2),
    INT8(6, 1),
    INT64(7, 8);

    private final int code;
    private final int bytes;

    ChannelFormat(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The C enum value. */
    public int code() {
        return code;
    }

    /** Bytes per channel value (0 for variable-length strings). */
    public int bytes() {
        return bytes;
    }

    /** The name liblsl uses in stream XML, e.g. {@code float32}. */
    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelFormat fromCode(int code) {
        for (ChannelFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new LslException("unknown LSL channel format code " + code + " (expected 1..7)");
    }

    /**
     * Parses {@code float32}, {@code double64}, {@code string}, {@code int32}, {@code int16}, {@code int8}, {@code
     * int64}.
     */
    public static ChannelFormat fromXmlName(String name) {
        for (ChannelFormat f : values()) {
            if (f.xmlName().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown LSL channel format '" + name
                + "', expected one of float32, double64, string, int32, int16, int8, int64");
    }
}
