package org.neuroloop.lsl4j.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * LSL data protocol 1.10 sample format, little endian (see {@code docs/lsl-protocol.md} §4):
 * {@code sample := tag:u8 [timestamp:f64 if tag==2] values}. Numeric values are {@code channels} fixed-size values
 * in the stream's format; each string value is a length-byte count (1, 2, 4 or 8), the length, then the UTF-8 bytes.
 *
 * <p>Numeric values pass through {@code double} (every format but int64 beyond 2^53 converts exactly), like
 * liblsl's own type conversion on push/pull: to integer formats they are rounded to nearest and saturated.
 * Buffers must be little endian; the codec never allocates for numeric samples.
 */
public final class SampleCodec {
    /** The timestamp is the previous one plus 1/rate (the previous one for irregular streams). */
    public static final int TAG_DEDUCED_TIMESTAMP = 1;
    /** An f64 timestamp follows the tag. */
    public static final int TAG_TRANSMITTED_TIMESTAMP = 2;
    /** Timestamp of the two test-pattern samples that open every feed. */
    public static final double TEST_PATTERN_TIMESTAMP = 123456.789;
    /** The offsets of the first and second test pattern. */
    public static final int[] TEST_PATTERN_OFFSETS = {4, 2};

    private final ChannelFormat format;
    private final int channels;
    private final double nominalRate;

    public SampleCodec(ChannelFormat format, int channels, double nominalRate) {
        this.format = Objects.requireNonNull(format, "format");
        if (channels < 1) {
            throw new IllegalArgumentException("LSL sample codec: channel count must be >= 1, got " + channels);
        }
        this.channels = channels;
        this.nominalRate = nominalRate;
    }

    public ChannelFormat format() {
        return format;
    }

    public int channels() {
        return channels;
    }

    /** Largest encoded size of a numeric sample (tag + timestamp + values); strings have no fixed size. */
    public int maxNumericSampleBytes() {
        return 1 + 8 + channels * format.bytes();
    }

    /** The timestamp a deduced-timestamp sample gets after {@code previous}. */
    public double deduce(double previous) {
        return nominalRate > 0 ? previous + 1.0 / nominalRate : previous;
    }

    // ---- encoding ----

    /** Writes the tag and, when {@code transmit}, the timestamp. */
    private static void header(ByteBuffer out, double timestamp, boolean transmit) {
        if (transmit) {
            out.put((byte) TAG_TRANSMITTED_TIMESTAMP);
            out.putDouble(timestamp);
        } else {
            out.put((byte) TAG_DEDUCED_TIMESTAMP);
        }
    }

    /** Encodes {@code channels} values from {@code row[offset..]} (numeric streams). */
    public void encode(ByteBuffer out, float[] row, int offset, double timestamp, boolean transmit) {
        requireNumeric();
        header(out, timestamp, transmit);
        if (format == ChannelFormat.FLOAT32) {
            for (int c = 0; c < channels; c++) {
                out.putFloat(row[offset + c]);
            }
        } else {
            for (int c = 0; c < channels; c++) {
                putValue(out, row[offset + c]);
            }
        }
    }

    /** Encodes {@code channels} values from {@code row[offset..]} (numeric streams). */
    public void encode(ByteBuffer out, double[] row, int offset, double timestamp, boolean transmit) {
        requireNumeric();
        header(out, timestamp, transmit);
        for (int c = 0; c < channels; c++) {
            putValue(out, row[offset + c]);
        }
    }

    /**
     * Encodes {@code channels} values from {@code row[offset..]}; int64 streams get them exactly (a double holds
     * only 53 bits), the other formats converted as from doubles.
     */
    public void encode(ByteBuffer out, long[] row, int offset, double timestamp, boolean transmit) {
        requireNumeric();
        header(out, timestamp, transmit);
        for (int c = 0; c < channels; c++) {
            if (format == ChannelFormat.INT64) {
                out.putLong(row[offset + c]);
            } else {
                putValue(out, row[offset + c]);
            }
        }
    }

    /** Encodes {@code channels} strings from {@code row[offset..]} (string streams); null is the empty string. */
    public void encode(ByteBuffer out, String[] row, int offset, double timestamp, boolean transmit) {
        if (format != ChannelFormat.STRING) {
            throw new IllegalArgumentException("LSL sample codec: string values for a " + format.xmlName() + " stream");
        }
        header(out, timestamp, transmit);
        for (int c = 0; c < channels; c++) {
            String s = row[offset + c];
            byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
            if (b.length <= 0xFF) {
                out.put((byte) 1).put((byte) b.length);
            } else {
                out.put((byte) 4).putInt(b.length);
            }
            out.put(b);
        }
    }

    /** Bytes {@link #encode(ByteBuffer, String[], int, double, boolean)} writes. */
    public int encodedSize(String[] row, int offset, boolean transmit) {
        int n = transmit ? 9 : 1;
        for (int c = 0; c < channels; c++) {
            String s = row[offset + c];
            int len = s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
            n += (len <= 0xFF ? 2 : 5) + len;
        }
        return n;
    }

    private void putValue(ByteBuffer out, double v) {
        switch (format) {
            case FLOAT32 -> out.putFloat((float) v);
            case DOUBLE64 -> out.putDouble(v);
            case INT32 -> out.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.rint(v))));
            case INT16 -> out.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.rint(v))));
            case INT8 -> out.put((byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, Math.rint(v))));
            case INT64 -> out.putLong(Math.round(v));
            default -> throw new IllegalStateException("not numeric: " + format);
        }
    }

    /** Writes test pattern {@code offset} (4 first, then 2), the opening of every feed. */
    public void encodeTestPattern(ByteBuffer out, int offset) {
        if (format == ChannelFormat.STRING) {
            encode(out, stringTestPattern(), 0, TEST_PATTERN_TIMESTAMP, true);
        } else if (format == ChannelFormat.INT64) {
            header(out, TEST_PATTERN_TIMESTAMP, true);
            for (int c = 0; c < channels; c++) {
                out.putLong(int64Pattern(offset, c));
            }
        } else {
            encode(out, numericTestPattern(offset), 0, TEST_PATTERN_TIMESTAMP, true);
        }
    }

    /** The numeric test pattern: channel k holds k+base, negated for odd k; the base depends on the format. */
    public double[] numericTestPattern(int offset) {
        double[] v = new double[channels];
        for (int k = 0; k < channels; k++) {
            long magnitude = switch (format) {
                case FLOAT32 -> k + offset;
                case DOUBLE64 -> k + offset + 16777217L;
                case INT32 -> (k + offset + 65537L) % Integer.MAX_VALUE;
                case INT16 -> (k + offset + 257L) % Short.MAX_VALUE;
                case INT8 -> (k + offset + 1L) % Byte.MAX_VALUE;
                case INT64 -> int64Pattern(offset, k) * (k % 2 == 0 ? 1 : -1);
                default -> throw new IllegalStateException("not numeric: " + format);
            };
            v[k] = k % 2 == 0 ? magnitude : -magnitude;
        }
        return v;
    }

    private static long int64Pattern(int offset, int k) {
        long magnitude = 2147483649L + k + offset;
        return k % 2 == 0 ? magnitude : -magnitude;
    }

    /** The string test pattern (both offsets): channel k holds (k+10)·(±1) as text. */
    public String[] stringTestPattern() {
        String[] v = new String[channels];
        for (int k = 0; k < channels; k++) {
            v[k] = Integer.toString(k % 2 == 0 ? k + 10 : -(k + 10));
        }
        return v;
    }

    // ---- decoding ----

    /**
     * Size of the complete sample starting at {@code in.position()}, or -1 when the buffer does not hold all of it
     * yet. Does not move the position.
     *
     * @throws LslProtocolException on an unknown tag or string length size
     */
    public int completeSampleSize(ByteBuffer in) {
        int p = in.position();
        int end = in.limit();
        if (p >= end) {
            return -1;
        }
        int n = tagSize(in.get(p));
        if (format != ChannelFormat.STRING) {
            n += channels * format.bytes();
            return p + n <= end ? n : -1;
        }
        // long: a string length near 2^31 must not wrap the sum around and pass for a complete sample
        long size = n;
        for (int c = 0; c < channels; c++) {
            if (p + size >= end) {
                return -1;
            }
            int lenBytes = in.get((int) (p + size));
            size += 1;
            if (p + size + lenBytes > end) {
                return -1;
            }
            long len = readLength(in, (int) (p + size), lenBytes);
            size += lenBytes;
            if (len < 0 || len > Integer.MAX_VALUE) {
                throw new LslProtocolException("LSL string value of " + len + " bytes");
            }
            size += len;
            if (p + size > end) {
                return -1;
            }
        }
        return (int) size;
    }

    private static int tagSize(byte tag) {
        if (tag == TAG_DEDUCED_TIMESTAMP) {
            return 1;
        }
        if (tag == TAG_TRANSMITTED_TIMESTAMP) {
            return 9;
        }
        throw new LslProtocolException("unknown LSL sample tag " + (tag & 0xFF) + " (expected 1 or 2)");
    }

    private static long readLength(ByteBuffer in, int at, int lenBytes) {
        return switch (lenBytes) {
            case 1 -> in.get(at) & 0xFFL;
            case 2 -> in.getShort(at) & 0xFFFFL;
            case 4 -> in.getInt(at) & 0xFFFFFFFFL;
            case 8 -> in.getLong(at);
            default ->
                throw new LslProtocolException("LSL string length of " + lenBytes + " bytes (expected 1, 2, 4 or 8)");
        };
    }

    /**
     * Decodes one complete numeric sample (check {@link #completeSampleSize} first) into {@code row[offset..]}.
     *
     * @param previous timestamp of the previous sample (for a deduced timestamp)
     * @return the sample's timestamp
     */
    public double decode(ByteBuffer in, double[] row, int offset, double previous) {
        requireNumeric();
        double ts = timestamp(in, previous);
        for (int c = 0; c < channels; c++) {
            row[offset + c] = readValue(in);
        }
        return ts;
    }

    /** Reads one channel's value of a numeric sample, widened to a double. */
    private double readValue(ByteBuffer in) {
        return switch (format) {
            case FLOAT32 -> in.getFloat();
            case DOUBLE64 -> in.getDouble();
            case INT32 -> in.getInt();
            case INT16 -> in.getShort();
            case INT8 -> in.get();
            case INT64 -> in.getLong();
            default -> throw new IllegalStateException();
        };
    }

    /** Like {@link #decode(ByteBuffer, double[], int, double)} into floats, without widening for float32 streams. */
    public double decode(ByteBuffer in, float[] row, int offset, double previous) {
        if (format != ChannelFormat.FLOAT32) {
            requireNumeric();
            double ts = timestamp(in, previous);
            for (int c = 0; c < channels; c++) {
                row[offset + c] = (float) readValue(in);
            }
            return ts;
        }
        double ts = timestamp(in, previous);
        for (int c = 0; c < channels; c++) {
            row[offset + c] = in.getFloat();
        }
        return ts;
    }

    /** Like {@link #decode(ByteBuffer, double[], int, double)} into longs, exact for int64 streams. */
    public double decode(ByteBuffer in, long[] row, int offset, double previous) {
        requireNumeric();
        double ts = timestamp(in, previous);
        for (int c = 0; c < channels; c++) {
            row[offset + c] = switch (format) {
                case FLOAT32 -> Math.round(in.getFloat());
                case DOUBLE64 -> Math.round(in.getDouble());
                case INT32 -> in.getInt();
                case INT16 -> in.getShort();
                case INT8 -> in.get();
                case INT64 -> in.getLong();
                default -> throw new IllegalStateException();
            };
        }
        return ts;
    }

    /** Decodes one complete string sample into {@code row[offset..]}. */
    public double decode(ByteBuffer in, String[] row, int offset, double previous) {
        if (format != ChannelFormat.STRING) {
            throw new IllegalArgumentException("LSL sample codec: string pull from a " + format.xmlName() + " stream");
        }
        double ts = timestamp(in, previous);
        for (int c = 0; c < channels; c++) {
            int lenBytes = in.get();
            int len = (int) readLength(in, in.position(), lenBytes);
            in.position(in.position() + lenBytes);
            byte[] b = new byte[len];
            in.get(b);
            row[offset + c] = new String(b, StandardCharsets.UTF_8);
        }
        return ts;
    }

    private double timestamp(ByteBuffer in, double previous) {
        try {
            int tag = in.get();
            if (tag == TAG_TRANSMITTED_TIMESTAMP) {
                return in.getDouble();
            }
            if (tag == TAG_DEDUCED_TIMESTAMP) {
                return deduce(previous);
            }
            throw new LslProtocolException("unknown LSL sample tag " + (tag & 0xFF) + " (expected 1 or 2)");
        } catch (BufferUnderflowException e) {
            throw new LslProtocolException("truncated LSL sample", e);
        }
    }

    /**
     * Reads and checks test pattern {@code offset} (4 first, then 2) as a feed's opening.
     *
     * @throws LslProtocolException when it differs (the peer's format or byte order disagrees with ours)
     */
    public void checkTestPattern(ByteBuffer in, int offset) {
        double ts;
        boolean same;
        if (format == ChannelFormat.STRING) {
            String[] got = new String[channels];
            ts = decode(in, got, 0, 0);
            same = Arrays.equals(got, stringTestPattern());
        } else if (format == ChannelFormat.INT64) {
            ts = timestamp(in, 0);
            same = true;
            for (int c = 0; c < channels; c++) {
                same &= in.getLong() == int64Pattern(offset, c);
            }
        } else {
            double[] got = new double[channels];
            ts = decode(in, got, 0, 0);
            same = Arrays.equals(got, numericTestPattern(offset));
        }
        if (!same || ts != TEST_PATTERN_TIMESTAMP) {
            throw new LslProtocolException("LSL test pattern " + offset + " of a " + channels + "-channel "
                    + format.xmlName() + " stream does not match (format or byte order disagree)");
        }
    }

    private void requireNumeric() {
        if (format == ChannelFormat.STRING) {
            throw new IllegalArgumentException("LSL sample codec: numeric values for a string stream");
        }
    }

    /** A little-endian buffer of {@code capacity} bytes. */
    public static ByteBuffer buffer(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
