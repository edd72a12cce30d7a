package org.neuroloop.ingest.recording;

import java.util.Locale;

/** Value format of a stream's channels, named as in XDF/LSL ({@code channel_format}). */
public enum ChannelFormat {
    FLOAT32("float32", 4),
    DOUBLE64("double64", 8),
    STRING("string", 0),
    INT32("int32", 4),
    INT16("int16", 2),
    INT8("int8", 1),
    INT64("int64", 8);

    private final String xdfName;
    private final int bytes;

    ChannelFormat(String xdfName, int bytes) {
        this.xdfName = xdfName;
        this.bytes = bytes;
    }

    /** The name used in XDF stream headers and by LSL, e.g. {@code float32}. */
    public String xdfName() {
        return xdfName;
    }

    /** Bytes per value in XDF (0 for variable-length strings). */
    public int bytes() {
        return bytes;
    }

    public boolean isString() {
        return this == STRING;
    }

    /** Parses an XDF/LSL format name; null if it is not one of the XDF 1.0 formats. */
    public static ChannelFormat fromXdfName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ChannelFormat f : values()) {
            if (f.xdfName.equals(n)) {
                return f;
            }
        }
        return null;
    }
}
