package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/**
 * {@link WireOutlet}s read by real liblsl 1.10 inlets on loopback, for the outlet tests: create an outlet, resolve
 * it and open a liblsl inlet on it, push numbered samples and pull them back.
 */
final class LiblslInlets {
    static final double WAIT = 10.0;

    static String unique(String what) {
        return "nl-wire-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static WireOutlet outlet(
            String name, String type, int channels, double rate, ChannelFormat format, String sourceId) {
        try (StreamInfo info = StreamInfo.create(name, type, channels, rate, format, sourceId)) {
            return new WireOutlet(Lsl4jInfo.of(info.toXml()));
        }
    }

    /** Resolves the outlet by name through liblsl and opens a non-recovering inlet on it. */
    static StreamInlet inletFor(WireOutlet out) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("name", out.name(), 1, WAIT);
        try {
            assertEquals(1, found.size(), "liblsl should resolve exactly one stream named " + out.name());
            assertEquals(out.uid(), found.get(0).uid());
            StreamInlet in = new StreamInlet(found.get(0), 360, 0, false);
            in.open(WAIT);
            return in;
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    static int pullAll(StreamInlet in, float[] got, double[] gotTs, int n, int channels) {
        float[] buf = new float[100 * channels];
        double[] bts = new double[100];
        int k = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (k < n && System.nanoTime() < deadline) {
            int m = in.pullChunk(buf, bts, 1.0);
            int take = Math.min(m, n - k);
            System.arraycopy(buf, 0, got, k * channels, take * channels);
            System.arraycopy(bts, 0, gotTs, k, take);
            k += take;
        }
        return k;
    }

    static void push(WireOutlet out, int first, int count, int channels) {
        float[] d = new float[count * channels];
        double[] ts = new double[count];
        for (int i = 0; i < count; i++) {
            Arrays.fill(d, i * channels, (i + 1) * channels, first < 0 ? -1 : first + i);
            ts[i] = 1000.0 + (first < 0 ? 0 : first + i) * 0.01;
        }
        out.pushChunk(d, count, ts, true);
    }

    /** Pulls everything already there (the -1 filler samples of the hang-up wait). */
    static void drain(StreamInlet in, int channels) {
        float[] buf = new float[1000 * channels];
        double[] ts = new double[1000];
        while (in.pullChunk(buf, ts, 0.3) > 0) {
            // discard
        }
    }

    private LiblslInlets() {}
}
