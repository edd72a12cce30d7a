package org.neuroloop.bench;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.ingest.flink.SyntheticSource;

/**
 * Terminal probe on the job's processed chunks: records each chunk's lag, processing time minus its newest
 * sample's time (both on the LSL clock, {@link SyntheticSource#clockSeconds()}), into the {@link LagSeries}
 * accumulator {@value #ACCUMULATOR}. Emits nothing. Chained after the keyed stages, so the lag covers source,
 * network hop, flagging and filtering of that chunk.
 */
public final class ChunkLagProbe extends ProcessFunction<Chunk, Void> {
    private static final long serialVersionUID = 1L;
    /** Name of the accumulator in the job result. */
    public static final String ACCUMULATOR = "neuroloop-chunk-lag";

    private transient LagSeries lags;

    @Override
    public void open(OpenContext ctx) {
        lags = new LagSeries();
        getRuntimeContext().addAccumulator(ACCUMULATOR, lags);
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Void> out) {
        if (chunk.length() == 0) {
            return;
        }
        double now = SyntheticSource.clockSeconds();
        lags.add(chunk.sessionId(), now, now - chunk.lastTimestamp(), chunk.length());
    }
}
