package org.neuroloop.closedloop.output;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An OSC 1.0 message (address pattern, type tags, arguments) and its binary encoding, as in the Open Sound Control
 * 1.0 specification: big-endian; strings ASCII, NUL-terminated and padded to a multiple of 4 bytes; type tag string
 * starting with ','. Supported arguments: {@code i} int32 ({@link Integer}), {@code f} float32 ({@link Float}),
 * {@code s} string, {@code b} blob ({@code byte[]}), and the spec's optional {@code h} int64 ({@link Long}),
 * {@code d} float64 ({@link Double}), {@code T}/{@code F} ({@link Boolean}).
 *
 * <p>Written here rather than taken from a library: the encoding is a few dozen lines, the Java OSC libraries on
 * Maven Central bring their own logging and transport stacks we do not need, and the spec's example messages pin it
 * down in tests.
 *
 * @param address OSC address pattern, starting with '/'
 * @param arguments arguments in order
 */
public record OscMessage(String address, List<Object> arguments) {

    public OscMessage {
        Objects.requireNonNull(address, "address");
        if (!address.startsWith("/")) {
            throw new IllegalArgumentException("OSC address must start with '/', got '" + address + "'");
        }
        arguments = List.copyOf(arguments);
        for (Object a : arguments) {
            typeTag(a);
        }
    }

    public OscMessage(String address, Object... arguments) {
        this(address, List.of(arguments));
    }

    /** Type tag string, e.g. ",sif". */
    public String typeTags() {
        StringBuilder b = new StringBuilder(",");
        for (Object a : arguments) {
            b.append(typeTag(a));
        }
        return b.toString();
    }

    private static char typeTag(Object a) {
        if (a instanceof Integer) {
            return 'i';
        } else if (a instanceof Float) {
            return 'f';
        } else if (a instanceof String) {
            return 's';
        } else if (a instanceof byte[]) {
            return 'b';
        } else if (a instanceof Long) {
            return 'h';
        } else if (a instanceof Double) {
            return 'd';
        } else if (a instanceof Boolean bool) {
            return bool ? 'T' : 'F';
        }
        throw new IllegalArgumentException("OSC argument of unsupported type "
                + (a == null ? "null" : a.getClass().getName())
                + "; expected Integer, Float, String, byte[], Long, Double or Boolean");
    }

    /** Encodes the message as one OSC packet. */
    public byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(encodedLength()).order(ByteOrder.BIG_ENDIAN);
        putString(buf, address);
        putString(buf, typeTags());
        for (Object a : arguments) {
            if (a instanceof Integer i) {
                buf.putInt(i);
            } else if (a instanceof Float f) {
                buf.putFloat(f);
            } else if (a instanceof String s) {
                putString(buf, s);
            } else if (a instanceof byte[] blob) {
                buf.putInt(blob.length).put(blob);
                buf.position(buf.position() + pad(blob.length) - blob.length);
            } else if (a instanceof Long l) {
                buf.putLong(l);
            } else if (a instanceof Double d) {
                buf.putDouble(d);
            }
        }
        return buf.array();
    }

    private int encodedLength() {
        int n = stringLength(address) + stringLength(typeTags());
        for (Object a : arguments) {
            if (a instanceof Integer || a instanceof Float) {
                n += 4;
            } else if (a instanceof String s) {
                n += stringLength(s);
            } else if (a instanceof byte[] blob) {
                n += 4 + pad(blob.length);
            } else if (a instanceof Long || a instanceof Double) {
                n += 8;
            }
        }
        return n;
    }

    /**
     * Decodes one OSC message packet.
     *
     * @throws IllegalArgumentException if the packet is truncated, is a bundle, or has an unsupported type tag
     */
    public static OscMessage decode(byte[] packet, int length) {
        ByteBuffer buf = ByteBuffer.wrap(packet, 0, length).order(ByteOrder.BIG_ENDIAN);
        try {
            String address = getString(buf);
            if (address.equals("#bundle")) {
                throw new IllegalArgumentException("OSC bundles are not supported, expected a message");
            }
            String tags = getString(buf);
            if (!tags.startsWith(",")) {
                throw new IllegalArgumentException("OSC type tag string must start with ',', got '" + tags + "'");
            }
            List<Object> args = new ArrayList<>();
            for (int k = 1; k < tags.length(); k++) {
                char t = tags.charAt(k);
                switch (t) {
                    case 'i' -> args.add(buf.getInt());
                    case 'f' -> args.add(buf.getFloat());
                    case 's' -> args.add(getString(buf));
                    case 'b' -> {
                        int n = buf.getInt();
                        byte[] blob = new byte[n];
                        buf.get(blob);
                        buf.position(buf.position() + pad(n) - n);
                        args.add(blob);
                    }
                    case 'h' -> args.add(buf.getLong());
                    case 'd' -> args.add(buf.getDouble());
                    case 'T' -> args.add(Boolean.TRUE);
                    case 'F' -> args.add(Boolean.FALSE);
                    default ->
                        throw new IllegalArgumentException("unsupported OSC type tag '" + t + "' in '" + tags + "'");
                }
            }
            return new OscMessage(address, args);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated OSC packet of " + length + " bytes", e);
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static int stringLength(String s) {
        return pad(s.getBytes(StandardCharsets.US_ASCII).length + 1);
    }

    private static void putString(ByteBuffer buf, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        buf.put(b);
        buf.position(buf.position() + pad(b.length + 1) - b.length);
    }

    private static String getString(ByteBuffer buf) {
        int start = buf.position();
        int end = start;
        while (buf.get(end) != 0) {
            end++;
        }
        String s = new String(buf.array(), buf.arrayOffset() + start, end - start, StandardCharsets.US_ASCII);
        buf.position(start + pad(end - start + 1));
        return s;
    }
}
