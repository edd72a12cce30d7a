package org.neuroloop.ingest.flink;

import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.time.TimestampSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a string (marker) stream and emits one {@link Marker} per sample, on the same corrected clock as the chunks.
 * Multi-channel string samples become one marker whose label joins the channels with {@code '|'}.
 * Markers have no flag field: gaps and stale periods are logged only.
 *
 * <p>Marker timestamps are clock-synced but never monotonized or dejittered: an event pushed late with its true,
 * earlier time keeps that time (use a bounded-out-of-orderness watermark strategy if markers arrive out of order).
 */
final class MarkerFetcher extends StreamFetcher<Marker> {
    private static final Logger LOG = LoggerFactory.getLogger(MarkerFetcher.class);
    private final String[] values;
    private final double[] stamps;
    private final int channels;

    MarkerFetcher(LslStreamSplit split, LslSourceSettings settings, FetchSink<Marker> sink) {
        super(split, settings, sink);
        this.channels = split.channelCount();
        this.values = new String[settings.maxChunkSamples() * channels];
        this.stamps = new double[settings.maxChunkSamples()];
    }

    @Override
    protected TimestampSettings timestampSettings() {
        return settings.timestamps().withDejitter(false).withMonotonize(false);
    }

    @Override
    protected int pull(LslInlet in, double timeoutSeconds) {
        return in.pullStrings(values, stamps, timeoutSeconds);
    }

    @Override
    protected double[] timestampBuffer() {
        return stamps;
    }

    @Override
    protected boolean emit(int n, int flags) throws InterruptedException {
        if (flags != 0) {
            LOG.info("marker stream {}: {} before marker #{}", split.name(), ChunkFlags.describe(flags), seq);
        }
        for (int i = 0; i < n; i++) {
            String label = values[i * channels];
            if (channels > 1) {
                StringBuilder b = new StringBuilder(label);
                for (int c = 1; c < channels; c++) {
                    b.append('|').append(values[i * channels + c]);
                }
                label = b.toString();
            }
            seq++;
            if (!put(new Marker(split.sessionId(), stamps[i], label, 0.0), stamps[i])) {
                return false;
            }
        }
        return true;
    }
}
