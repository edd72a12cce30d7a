package org.neuroloop.lsl4j.wire;

import java.nio.ByteBuffer;
import org.neuroloop.lsl4j.Lsl;

/**
 * Encodes a pushed chunk once for all of a {@link WireOutlet}'s consumers: the samples back to back in one buffer,
 * with where each ends (so a consumer that drops samples drops whole ones). A timestamp of 0 is "now". One loop for
 * the row types, dispatched per row on the array's type rather than through a lambda, so a push allocates nothing
 * once the buffers have grown. Not thread-safe: the outlet's push lock guards it.
 */
final class ChunkEncoder {
    private final SampleCodec codec;
    private final int channels;
    private final String name;
    private ByteBuffer encoded = SampleCodec.buffer(1024);
    private int[] ends = new int[16];

    ChunkEncoder(SampleCodec codec, String name) {
        this.codec = codec;
        this.channels = codec.channels();
        this.name = name;
    }

    /** Encodes {@code sampleCount} rows of {@code rows} (a float[], double[], long[] or String[]). */
    void encode(Object rows, int sampleCount, double[] timestamps) {
        long size;
        if (rows instanceof String[] text) {
            size = 0;
            for (int i = 0; i < sampleCount; i++) {
                size += codec.encodedSize(text, i * channels, true);
            }
        } else {
            size = (long) sampleCount * codec.maxNumericSampleBytes();
        }
        prepare(sampleCount, size);
        double now = 0;
        for (int i = 0; i < sampleCount; i++) {
            double ts = timestamps[i];
            if (ts == 0.0) {
                now = now == 0 ? Lsl.localClock() : now;
                ts = now;
            }
            if (rows instanceof float[] f) {
                codec.encode(encoded, f, i * channels, ts, true);
            } else if (rows instanceof double[] d) {
                codec.encode(encoded, d, i * channels, ts, true);
            } else if (rows instanceof long[] l) {
                codec.encode(encoded, l, i * channels, ts, true);
            } else {
                codec.encode(encoded, (String[]) rows, i * channels, ts, true);
            }
            ends[i] = encoded.position();
        }
    }

    /** The encoded samples of the last chunk, in [0, position). */
    ByteBuffer encoded() {
        return encoded;
    }

    /** Where each sample of the last chunk ends in {@link #encoded()}. */
    int[] ends() {
        return ends;
    }

    private void prepare(int sampleCount, long bytes) {
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("outlet " + name + ": a chunk of " + sampleCount + " samples needs "
                    + bytes + " bytes; push smaller chunks");
        }
        if (encoded.capacity() < bytes) {
            long grown = Math.min(Integer.MAX_VALUE - 8, 2L * encoded.capacity());
            encoded = SampleCodec.buffer((int) Math.max(bytes, grown));
        }
        if (ends.length < sampleCount) {
            ends = new int[Math.max(sampleCount, 2 * ends.length)];
        }
        encoded.clear();
    }
}
