package org.neuroloop.bench;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.ingest.flink.SyntheticSource;

/**
 * Terminal probe on the job's processed chunks: records each chunk's lag, processing time minus its newest
 * sample's time (both on the LSL clock, {@link SyntheticSource#clockSeconds()}). Emits nothing. Chained after the
 * keyed stages, so the lag covers source, network hop, flagging and filtering of that chunk.
 *
 * <p>Two destinations: by default every chunk goes into the {@link LagSeries} accumulator {@value #ACCUMULATOR},
 * read from the job result at the end (a bounded run). {@link #live(String)} instead feeds the {@link SoakMeter} of
 * that name in this JVM, which the caller reads while the job runs and which holds constant memory however long
 * it runs (an embedded MiniCluster only: the meter is not shipped to other processes).
 */
public final class ChunkLagProbe extends ProcessFunction<Chunk, Void> {
    private static final long serialVersionUID = 1L;
    /** Name of the accumulator in the job result. */
    public static final String ACCUMULATOR = "neuroloop-chunk-lag";

    private final String meterName;
    private final int chunksPerSession;
    private transient LagSeries lags;
    private transient SoakMeter meter;

    /** A probe that fills the {@value #ACCUMULATOR} accumulator. */
    public ChunkLagProbe() {
        this(null, 0);
    }

    /**
     * A probe that fills the {@value #ACCUMULATOR} accumulator, sized for {@code chunksPerSession} chunks per session
     * (its series then never grow: no copies, no garbage during the run).
     */
    public ChunkLagProbe(int chunksPerSession) {
        this(null, chunksPerSession);
    }

    private ChunkLagProbe(String meterName, int chunksPerSession) {
        this.meterName = meterName;
        this.chunksPerSession = chunksPerSession;
    }

    /** A probe that feeds the {@link SoakMeter} {@code meterName} of this JVM (opened before the job starts). */
    public static ChunkLagProbe live(String meterName) {
        return new ChunkLagProbe(meterName, 0);
    }

    @Override
    public void open(OpenContext ctx) {
        if (meterName == null) {
            lags = new LagSeries(chunksPerSession);
            getRuntimeContext().addAccumulator(ACCUMULATOR, lags);
        } else {
            meter = SoakMeter.named(meterName);
        }
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Void> out) {
        if (chunk.length() == 0) {
            return;
        }
        double now = SyntheticSource.clockSeconds();
        double lag = now - chunk.lastTimestamp();
        if (meter != null) {
            meter.record(chunk.sessionId(), chunk.firstSeq(), chunk.length(), lag);
        } else {
            lags.add(chunk.sessionId(), now, lag, chunk.length());
        }
    }
}
