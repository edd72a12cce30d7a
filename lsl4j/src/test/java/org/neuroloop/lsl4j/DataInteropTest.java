package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.liblsl.Liblsl;

/**
 * Samples cross between lsl4j and real liblsl 1.10 bit-exact in both directions, in every channel format: extreme
 * values of each type (NaN, infinities and subnormals for floats), markers longer than 255 bytes (4-byte length
 * prefix) and non-ASCII text, and each sample's timestamp.
 */
class DataInteropTest {
    private static final int CH = 3;
    private static final int N = 4;
    private static final double[] TS = {1000.0, 1000.25, 1000.5, 1234.5678901234};
    private static final String RUN = "data" + Long.toString(System.nanoTime() % 1_000_000, 36);

    private static final float[] FLOATS = {
        0f,
        -0f,
        1.5f,
        -2.25f,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Float.MIN_VALUE,
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        3.1415927f,
        1e-30f
    };
    private static final double[] DOUBLES = {
        0,
        -0.0,
        Math.PI,
        -Math.E,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_VALUE,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        1e-300,
        16777217.0,
        0.1
    };
    private static final int[] INTS = {
        0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65537, -65537, 123456789, -987654321, 42, 7, -7
    };
    private static final short[] SHORTS = {
        0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 257, -257, 12345, -12345, 42, 7, -7
    };
    private static final byte[] BYTES = {0, 1, -1, Byte.MAX_VALUE, Byte.MIN_VALUE, 17, -17, 100, -100, 42, 7, -7};
    private static final long[] LONGS = {
        0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, -(1L << 53) - 1, 2147483649L, -2147483649L, 42, 7, -7
    };
    private static final String[] STRINGS = {
        "",
        "a",
        "x".repeat(300),
        "Ünïcødé ✓ 日本語 🧠",
        "é".repeat(200),
        "stim;pulse;id=7",
        "tab\tand\nnewline",
        "{\"json\":[1,2,3]}",
        "z".repeat(70_000),
        "ÄÖÜ",
        "-11",
        "end"
    };

    private static String name(ChannelFormat f, String dir) {
        return RUN + "-" + dir + "-" + f.xmlName();
    }

    @Test
    @Timeout(120)
    void lsl4jOutletsReachLiblslInletsExactly() {
        for (ChannelFormat f : ChannelFormat.values()) {
            String name = name(f, "j2l");
            try (StreamOutlet out = new StreamOutlet(
                            StreamInfo.create(name, "Test", CH, f == ChannelFormat.STRING ? 0 : 100, f, name));
                    var in = Liblsl.inlet(name, false, 10.0)) {
                in.open(10.0);
                assertTrue(out.waitForConsumers(10.0), name);
                switch (f) {
                    case FLOAT32 -> exchange(name, FLOATS, out::pushChunk, in::pullChunk);
                    case DOUBLE64 -> exchange(name, DOUBLES, out::pushChunk, in::pullChunk);
                    case INT32 -> exchange(name, INTS, out::pushChunk, in::pullChunk);
                    case INT16 -> exchange(name, SHORTS, out::pushChunk, in::pullChunk);
                    case INT8 -> exchange(name, BYTES, out::pushChunk, in::pullChunk);
                    case INT64 -> exchange(name, LONGS, out::pushChunk, in::pullChunk);
                    default -> exchange(name, STRINGS, out::pushStrings, in::pullStrings);
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void liblslOutletsReachLsl4jInletsExactly() {
        for (ChannelFormat f : ChannelFormat.values()) {
            String name = name(f, "l2j");
            try (var out = Liblsl.outlet(name, "Test", CH, f == ChannelFormat.STRING ? 0 : 100, f, name)) {
                var found = StreamResolver.resolveByProp("name", name, 1, 10.0);
                assertEquals(1, found.size(), name);
                try (StreamInlet in = new StreamInlet(found.get(0), 360, 0, false)) {
                    in.openStream(10.0);
                    assertTrue(out.waitForConsumers(10.0), name);
                    switch (f) {
                        case FLOAT32 -> exchange(name, FLOATS, out::pushChunk, in::pullChunk);
                        case DOUBLE64 -> exchange(name, DOUBLES, out::pushChunk, in::pullChunk);
                        case INT32 -> exchange(name, INTS, out::pushChunk, in::pullChunk);
                        case INT16 -> exchange(name, SHORTS, out::pushChunk, in::pullChunk);
                        case INT8 -> exchange(name, BYTES, out::pushChunk, in::pullChunk);
                        case INT64 -> exchange(name, LONGS, out::pushChunk, in::pullChunk);
                        default -> exchange(name, STRINGS, out::pushStrings, in::pullStrings);
                    }
                }
            }
        }
    }

    private interface Pusher<A> {
        void push(A data, int samples, double[] timestamps, boolean flush);
    }

    private interface Puller<A> {
        int pull(A out, double[] timestamps, double timeoutSeconds);
    }

    /** Pushes {@code sent} with {@link #TS} through one outlet and checks the inlet reads it back exactly. */
    private static <A> void exchange(String name, A sent, Pusher<A> out, Puller<A> in) {
        out.push(sent, N, TS, true);
        @SuppressWarnings("unchecked")
        A got = (A) Array.newInstance(sent.getClass().getComponentType(), CH * N);
        double[] ts = new double[N];
        assertEquals(N, collect(got, ts, in), name);
        assertEquals(exact(sent), exact(got), name);
        assertArrayEquals(TS, ts, name);
    }

    /** Pulls until all {@value #N} samples are in {@code dest} (they may arrive in more than one read). */
    private static <A> int collect(A dest, double[] ts, Puller<A> puller) {
        @SuppressWarnings("unchecked")
        A tmp = (A) Array.newInstance(dest.getClass().getComponentType(), Array.getLength(dest));
        double[] t = new double[ts.length];
        int got = 0;
        long end = System.nanoTime() + 10_000_000_000L;
        while (got < N && System.nanoTime() < end) {
            int n = puller.pull(tmp, t, 1.0);
            System.arraycopy(tmp, 0, dest, got * CH, n * CH);
            System.arraycopy(t, 0, ts, got, n);
            got += n;
        }
        return got;
    }

    /** The values to compare, floating point ones by their raw bits so NaN payloads and -0 count too. */
    private static List<Object> exact(Object array) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            Object v = Array.get(array, i);
            values.add(
                    v instanceof Float x
                            ? Integer.toHexString(Float.floatToRawIntBits(x))
                            : v instanceof Double x ? Long.toHexString(Double.doubleToRawLongBits(x)) : v);
        }
        return values;
    }
}
