package org.neuroloop.dsp.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.quality.BadDataFlagger;
import org.neuroloop.dsp.quality.QualityCriteria;
import org.neuroloop.dsp.quality.QualityState;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/**
 * Keyed by session: sets the bad-data flags of {@link BadDataFlagger} on every chunk, with the flagger's
 * continuity and run state in Flink keyed state.
 *
 * <p>Also watches for a stream that stops: a processing-time timer {@code staleTimeoutMillis} after each chunk;
 * if it fires before the next chunk arrives, the session is marked stale and its next chunk carries
 * {@link ChunkFlags#STALE}, so nothing downstream acts on the first data after a silence.
 *
 * <p>Counts {@code chunksIn}, {@code samplesIn} and {@code chunksFlagged} per session.
 */
public final class BadDataFlagFunction extends KeyedProcessFunction<String, Chunk, Chunk> {
    private static final long serialVersionUID = 1L;

    private final QualityCriteria criteria;
    private final long staleTimeoutMillis;

    private transient BadDataFlagger flagger;
    private transient ValueState<QualityState> quality;
    private transient ValueState<Long> staleTimer;
    private transient ValueState<Boolean> stale;
    private transient SessionMetrics metrics;

    /**
     * @param staleTimeoutMillis processing time without chunks after which a session counts as stale; 0 disables
     */
    public BadDataFlagFunction(QualityCriteria criteria, long staleTimeoutMillis) {
        this.criteria = criteria;
        this.staleTimeoutMillis = staleTimeoutMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        flagger = new BadDataFlagger(criteria);
        quality = getRuntimeContext().getState(new ValueStateDescriptor<>("quality", TypeInformation.of(QualityState.class)));
        staleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("staleTimer", Long.class));
        stale = getRuntimeContext().getState(new ValueStateDescriptor<>("stale", Boolean.class));
        metrics = new SessionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Chunk> out) throws Exception {
        QualityState s = quality.value();
        if (s == null) {
            s = QualityState.initial();
        }
        int flags = flagger.flag(chunk, s);
        quality.update(s);
        if (Boolean.TRUE.equals(stale.value())) {
            flags |= ChunkFlags.STALE;
            stale.clear();
        }
        if (staleTimeoutMillis > 0) {
            Long previous = staleTimer.value();
            if (previous != null) {
                ctx.timerService().deleteProcessingTimeTimer(previous);
                staleTimer.clear();
            }
        }
        if (staleTimeoutMillis > 0 && !chunk.hasFlag(ChunkFlags.END_OF_STREAM)) {
            long due = ctx.timerService().currentProcessingTime() + staleTimeoutMillis;
            ctx.timerService().registerProcessingTimeTimer(due);
            staleTimer.update(due);
        }
        Chunk flagged = chunk.withFlags(flags);
        String session = chunk.sessionId();
        metrics.counter(session, "chunksIn").inc();
        metrics.counter(session, "samplesIn").inc(chunk.length());
        if (ChunkFlags.isBad(flagged.flags())) {
            metrics.counter(session, "chunksFlagged").inc();
        }
        out.collect(flagged);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Chunk> out) throws Exception {
        Long due = staleTimer.value();
        if (due != null && due == timestamp) {
            stale.update(true);
            staleTimer.clear();
        }
    }
}
