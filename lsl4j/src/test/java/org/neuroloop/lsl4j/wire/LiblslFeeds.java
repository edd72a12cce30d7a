package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamOutlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * Real liblsl 1.10 outlets on loopback for the {@link WireInlet} tests: create, resolve with liblsl's resolver, open
 * a wire and a liblsl inlet, warm up, and collect what an inlet delivered.
 *
 * <p>liblsl queues samples for an inlet only once its feed session is set up, so every test first pushes "warm-up"
 * samples (timestamp {@value #WARM_TS}) until each inlet has seen one, and the collectors skip them.
 */
final class LiblslFeeds {
    static final double WARM_TS = 1.0;
    /** liblsl's DEDUCED_TIMESTAMP: the outlet sends the sample with tag 1 (no timestamp on the wire). */
    static final double DEDUCED = -1.0;

    private LiblslFeeds() {}

    static String unique(String what) {
        return "nl-wi-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static StreamOutlet outlet(String name, int channels, double rate, ChannelFormat format) {
        try (StreamInfo info = StreamInfo.create(name, "EEG", channels, rate, format, name + "-src")) {
            return new StreamOutlet(info);
        }
    }

    static StreamInfo resolve(String name) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 15.0);
        assertFalse(found.isEmpty(), "stream " + name + " not resolved");
        for (int i = 1; i < found.size(); i++) {
            found.get(i).close();
        }
        return found.get(0);
    }

    static WireInlet wireInlet(StreamInfo info) {
        WireInlet in = new WireInlet(StreamEndpoint.fromXml(info.toXml()), 360);
        in.open(10.0);
        return in;
    }

    static StreamInlet liblslInlet(StreamInfo info) {
        StreamInlet in = new StreamInlet(info, 360, 0, false);
        in.open(10.0);
        return in;
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    /** What an inlet delivered after the warm-up: values sample-major and one timestamp per sample. */
    record Received(double[] values, double[] stamps) {}

    /** One pull of up to {@code ts.length} samples into {@code values} (sample-major doubles); returns how many. */
    private interface Pull {
        int pull(double[] values, double[] ts);
    }

    /** Pulls {@code n} samples (skipping warm-up ones) with float pulls of {@code capacity} samples. */
    static Received collectFloats(LslInlet in, int n, int capacity) {
        float[] buf = new float[capacity * in.channelCount()];
        return collect(in.channelCount(), n, capacity, (values, ts) -> {
            int got = in.pullChunk(buf, ts, 1.0);
            for (int i = 0; i < got * in.channelCount(); i++) {
                values[i] = buf[i];
            }
            return got;
        });
    }

    /** Like {@link #collectFloats} with double pulls. */
    static Received collectDoubles(LslInlet in, int n, int capacity) {
        return collect(in.channelCount(), n, capacity, (values, ts) -> in.pullChunk(values, ts, 1.0));
    }

    private static Received collect(int ch, int n, int capacity, Pull pull) {
        double[] buf = new double[capacity * ch];
        double[] ts = new double[capacity];
        double[] values = new double[n * ch];
        double[] stamps = new double[n];
        int have = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (have < n) {
            assertTrue(System.nanoTime() < deadline, "only " + have + " of " + n + " samples arrived");
            int got = pull.pull(buf, ts);
            for (int i = 0; i < got; i++) {
                if (ts[i] == WARM_TS) {
                    continue;
                }
                assertTrue(have < n, "more samples than pushed");
                System.arraycopy(buf, i * ch, values, have * ch, ch);
                stamps[have++] = ts[i];
            }
        }
        return new Received(values, stamps);
    }

    static List<String> collectStrings(LslInlet in, int n, double[] stamps) {
        String[] buf = new String[8];
        double[] ts = new double[8];
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (out.size() < n) {
            assertTrue(System.nanoTime() < deadline, "only " + out.size() + " of " + n + " markers arrived");
            int got = in.pullStrings(buf, ts, 1.0);
            for (int i = 0; i < got; i++) {
                if (ts[i] != WARM_TS) {
                    stamps[out.size()] = ts[i];
                    out.add(buf[i]);
                }
            }
        }
        return out;
    }

    /** Pushes warm-up samples until every inlet received one (numeric streams). */
    static void warmUp(LslOutlet out, LslInlet... inlets) {
        int ch = out.channelCount();
        boolean[] got = new boolean[inlets.length];
        double[] scratch = new double[64 * ch];
        double[] ts = new double[64];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!allTrue(got)) {
            assertTrue(System.nanoTime() < deadline, "warm-up samples never arrived");
            out.pushChunk(new double[ch], 1, new double[] {WARM_TS}, true);
            for (int k = 0; k < inlets.length; k++) {
                got[k] |= inlets[k].pullChunk(scratch, ts, 0.05) > 0;
            }
        }
    }

    static void warmUpStrings(LslOutlet out, LslInlet... inlets) {
        boolean[] got = new boolean[inlets.length];
        String[] scratch = new String[64];
        double[] ts = new double[64];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!allTrue(got)) {
            assertTrue(System.nanoTime() < deadline, "warm-up markers never arrived");
            out.pushStrings(new String[] {"warm"}, 1, new double[] {WARM_TS}, true);
            for (int k = 0; k < inlets.length; k++) {
                got[k] |= inlets[k].pullStrings(scratch, ts, 0.05) > 0;
            }
        }
    }
}
