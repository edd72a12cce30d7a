package org.neuroloop.lsl4j.liblsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * The known data both interop peers push and check: {@link #N} samples of {@link #CHANNELS} channels per format,
 * pushed in two chunks, rendered as text lines {@code "<i> <timestamp> <v0>,<v1>,<v2>"} so the two processes compare
 * exactly what arrived.
 */
final class InteropPattern {
    static final int CHANNELS = 3;
    static final int N = 40;
    static final List<String> LABELS = List.of("C3", "Cz", "C4");
    static final List<String> UNITS = List.of("uV", "uV", "mV");
    static final double RATE = 250.0;

    private InteropPattern() {}

    /** Distinct per sample and channel, signed, fits int8 for N=40. */
    static long base(int i, int c) {
        long v = i * CHANNELS + c;
        return (c % 2 == 0) ? v : -v;
    }

    static double timestamp(int i) {
        return 5000.0 + i / RATE;
    }

    static String value(ChannelFormat f, int i, int c) {
        long b = base(i, c);
        return switch (f) {
            case FLOAT32 -> Float.toString(b + 0.5f);
            case DOUBLE64 -> Double.toString(b + 0.125 + 1e-9);
            case INT64 -> Long.toString(b + (1L << 40));
            case INT32 -> Long.toString(b * 1000);
            case INT16 -> Long.toString(b * 100);
            case INT8 -> Long.toString(b);
            case STRING -> "s" + b + (c == 1 ? " ü" : "");
        };
    }

    static String line(int i, double ts, String[] values) {
        return i + " " + ts + " " + String.join(",", values);
    }

    static List<String> expectedLines(ChannelFormat f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String[] v = new String[CHANNELS];
            for (int c = 0; c < CHANNELS; c++) {
                v[c] = value(f, i, c);
            }
            out.add(line(i, timestamp(i), v));
        }
        return out;
    }

    static StreamInfo info(ChannelFormat f, String prefix) {
        StreamInfo info =
                StreamInfo.create(prefix + "-" + f.xmlName(), "EEG", CHANNELS, RATE, f, prefix + "-" + f.xmlName());
        info.setChannels(LABELS, UNITS, "EEG");
        return info;
    }

    /**
     * Closes the inlets side by side: liblsl 1.10 takes about 0.5 s to tear down an opened inlet, so one after the
     * other eight of them took 4 s.
     */
    static void closeTogether(List<StreamInlet> inlets) throws InterruptedException {
        List<Thread> closing = new ArrayList<>();
        for (StreamInlet in : inlets) {
            Thread t = new Thread(in::close, "close-" + closing.size());
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            t.join();
        }
    }

    /** Resolves all 8 pattern streams of {@code prefix} in one query; keyed by source id. */
    static Map<String, StreamInfo> resolveAll(String prefix, double timeoutSeconds) {
        List<StreamInfo> found = StreamResolver.resolveByPredicate(
                "starts-with(source_id," + StreamResolver.xpathLiteral(prefix + "-") + ")",
                ChannelFormat.values().length + 1,
                timeoutSeconds);
        Map<String, StreamInfo> out = new HashMap<>();
        for (StreamInfo i : found) {
            StreamInfo old = out.put(i.sourceId(), i);
            if (old != null) {
                old.close();
            }
        }
        return out;
    }

    static StreamInfo markerInfo(String prefix) {
        return StreamInfo.create(
                prefix + "-markers", "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, prefix + "-markers");
    }

    static String marker(int i) {
        return "stim/" + i + " \"x\"";
    }

    static double markerTime(int i) {
        return 6000.0 + i * 0.37;
    }

    static final int MARKERS = 5;

    /** Pushes the pattern in two chunks (first 15 samples, then the rest). */
    static void push(StreamOutlet out, ChannelFormat f) {
        int split = 15;
        pushRange(out, f, 0, split);
        pushRange(out, f, split, N);
    }

    private static void pushRange(StreamOutlet out, ChannelFormat f, int from, int to) {
        int n = to - from;
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = timestamp(from + i);
        }
        int len = n * CHANNELS;
        switch (f) {
            case FLOAT32 -> {
                float[] d = new float[len];
                fill(from, n, (k, v) -> d[k] = Float.parseFloat(v), f);
                out.pushChunk(d, n, ts, true);
            }
            case DOUBLE64 -> {
                double[] d = new double[len];
                fill(from, n, (k, v) -> d[k] = Double.parseDouble(v), f);
                out.pushChunk(d, n, ts, true);
            }
            case INT32 -> {
                int[] d = new int[len];
                fill(from, n, (k, v) -> d[k] = Integer.parseInt(v), f);
                out.pushChunk(d, n, ts, true);
            }
            case INT16 -> {
                short[] d = new short[len];
                fill(from, n, (k, v) -> d[k] = Short.parseShort(v), f);
                out.pushChunk(d, n, ts, true);
            }
            case INT8 -> {
                byte[] d = new byte[len];
                fill(from, n, (k, v) -> d[k] = Byte.parseByte(v), f);
                out.pushChunk(d, n, ts, true);
            }
            case INT64 -> {
                long[] d = new long[len];
                fill(from, n, (k, v) -> d[k] = Long.parseLong(v), f);
                out.pushChunk(d, n, ts, true);
            }
            case STRING -> {
                String[] d = new String[len];
                fill(from, n, (k, v) -> d[k] = v, f);
                out.pushStrings(d, n, ts, true);
            }
        }
    }

    private interface Setter {
        void set(int k, String v);
    }

    private static void fill(int from, int n, Setter s, ChannelFormat f) {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < CHANNELS; c++) {
                s.set(i * CHANNELS + c, value(f, from + i, c));
            }
        }
    }

    /** Pulls N samples (bounded by {@code timeoutSeconds} overall) and renders them as lines. */
    static List<String> pull(StreamInlet in, ChannelFormat f, double timeoutSeconds) {
        List<String> lines = new ArrayList<>();
        int cap = 16;
        double[] ts = new double[cap];
        float[] fb = new float[cap * CHANNELS];
        double[] db = new double[cap * CHANNELS];
        int[] ib = new int[cap * CHANNELS];
        short[] sb = new short[cap * CHANNELS];
        byte[] bb = new byte[cap * CHANNELS];
        long[] lb = new long[cap * CHANNELS];
        String[] strb = new String[cap * CHANNELS];
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (lines.size() < N && System.nanoTime() < deadline) {
            int n = switch (f) {
                case FLOAT32 -> in.pullChunk(fb, ts, 0.2);
                case DOUBLE64 -> in.pullChunk(db, ts, 0.2);
                case INT32 -> in.pullChunk(ib, ts, 0.2);
                case INT16 -> in.pullChunk(sb, ts, 0.2);
                case INT8 -> in.pullChunk(bb, ts, 0.2);
                case INT64 -> in.pullChunk(lb, ts, 0.2);
                case STRING -> in.pullStrings(strb, ts, 0.2);
            };
            for (int i = 0; i < n; i++) {
                String[] v = new String[CHANNELS];
                for (int c = 0; c < CHANNELS; c++) {
                    int k = i * CHANNELS + c;
                    v[c] = switch (f) {
                        case FLOAT32 -> Float.toString(fb[k]);
                        case DOUBLE64 -> Double.toString(db[k]);
                        case INT32 -> Long.toString(ib[k]);
                        case INT16 -> Long.toString(sb[k]);
                        case INT8 -> Long.toString(bb[k]);
                        case INT64 -> Long.toString(lb[k]);
                        case STRING -> strb[k];
                    };
                }
                lines.add(line(lines.size(), ts[i], v));
            }
        }
        return lines;
    }

    static List<String> expectedMarkers() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MARKERS; i++) {
            out.add(markerTime(i) + " " + marker(i));
        }
        return out;
    }

    static void pushMarkers(StreamOutlet out) {
        for (int i = 0; i < MARKERS; i++) {
            out.pushMarker(marker(i), markerTime(i));
        }
    }

    static List<String> pullMarkers(StreamInlet in, double timeoutSeconds) {
        List<String> out = new ArrayList<>();
        String[] s = new String[4];
        double[] ts = new double[4];
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (out.size() < MARKERS && System.nanoTime() < deadline) {
            int n = in.pullStrings(s, ts, 0.2);
            for (int i = 0; i < n; i++) {
                out.add(ts[i] + " " + s[i]);
            }
        }
        return out;
    }
}
