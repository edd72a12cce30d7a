package org.neuroloop.ingest.flink;

import java.util.Arrays;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslInlet;

/**
 * Pulls a numeric stream into reused buffers (liblsl converts every numeric format to double) and emits one
 * {@link Chunk} per pull. The only allocation per chunk is the chunk's own two arrays, sized exactly.
 * (int64 values beyond ±2^53 lose precision in the double conversion, as in any double-valued chunk.)
 */
final class ChunkFetcher extends StreamFetcher<Chunk> {
    private final double[] samples;
    private final double[] stamps;
    private final int channels;

    ChunkFetcher(LslStreamSplit split, LslSourceSettings settings, FetchSink<Chunk> sink) {
        super(split, settings, sink);
        if (ChannelFormat.fromXmlName(split.channelFormat()) == ChannelFormat.STRING) {
            throw new IllegalArgumentException(
                    "LSL stream " + split.name() + " has string channels; read it with LslSource.markers(...)");
        }
        this.channels = split.channelCount();
        this.samples = new double[settings.maxChunkSamples() * channels];
        this.stamps = new double[settings.maxChunkSamples()];
    }

    @Override
    protected int pull(LslInlet in, double timeoutSeconds) {
        return in.pullChunk(samples, stamps, timeoutSeconds);
    }

    @Override
    protected double[] timestampBuffer() {
        return stamps;
    }

    @Override
    protected boolean emit(int n, int flags) throws InterruptedException {
        Chunk c = new Chunk(
                split.sessionId(),
                seq,
                Arrays.copyOf(stamps, n),
                Arrays.copyOf(samples, n * channels),
                channels,
                split.nominalRate(),
                flags);
        seq += n;
        return put(c, stamps[n - 1]);
    }
}
