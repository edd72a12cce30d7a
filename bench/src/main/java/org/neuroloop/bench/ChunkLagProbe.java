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
 * <p>Two destinations, both in this JVM (an embedded MiniCluster only: nothing is shipped to other processes):
 * {@link #series} fills one {@link LagSeries} per subtask under a run name, which the caller collects when the job
 * has ended ({@link LagSeries#close}); {@link #live(String)} feeds the {@link SoakMeter} of that name, which the
 * caller reads while the job runs and which holds constant memory however long it runs. Not a Flink accumulator:
 * a task's accumulators travel with every heartbeat, and serialising every chunk's lag every few seconds cost
 * CPU and a humongous allocation in the middle of the measured window.
 */
public final class ChunkLagProbe extends ProcessFunction<Chunk, Void> {
    private static final long serialVersionUID = 2L;

    private final String runName;
    private final String meterName;
    private final int chunksPerSession;
    private transient LagSeries lags;
    private transient SoakMeter meter;

    private ChunkLagProbe(String runName, String meterName, int chunksPerSession) {
        this.runName = runName;
        this.meterName = meterName;
        this.chunksPerSession = chunksPerSession;
    }

    /**
     * A probe that records into the {@link LagSeries} run {@code runName} of this JVM ({@link LagSeries#open} before
     * the job), sized for {@code chunksPerSession} chunks per session (its series then never grow).
     */
    public static ChunkLagProbe series(String runName, int chunksPerSession) {
        return new ChunkLagProbe(runName, null, chunksPerSession);
    }

    /** A probe that feeds the {@link SoakMeter} {@code meterName} of this JVM (opened before the job starts). */
    public static ChunkLagProbe live(String meterName) {
        return new ChunkLagProbe(null, meterName, 0);
    }

    @Override
    public void open(OpenContext ctx) {
        if (meterName == null) {
            lags = LagSeries.part(runName, chunksPerSession);
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
