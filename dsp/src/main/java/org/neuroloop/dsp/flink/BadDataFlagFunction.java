package org.neuroloop.dsp.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
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
 * <p>Also watches for a stream that stops: when no chunk has arrived for {@code staleTimeoutMillis} of processing
 * time, the session is marked stale and its next chunk carries {@link ChunkFlags#STALE}, so nothing downstream acts
 * on the first data after a silence. One timer per session is pending at a time and is re-armed from the time of the
 * last chunk when it fires early, so a steady stream registers a timer once per timeout, not once per chunk, and
 * its chunks allocate nothing here.
 *
 * <p>Counts {@code chunksIn}, {@code samplesIn}, {@code chunksFlagged} and {@code samplesMissing} (from the timestamps,
 * {@link #missingBefore}) per session.
 */
public final class BadDataFlagFunction extends KeyedProcessFunction<String, Chunk, Chunk> {
    private static final long serialVersionUID = 1L;

    private static final int LAST_SEEN = 0;
    private static final int TIMER = 1;
    private static final int STALE = 2;
    /** The per-session counters, in the order of {@link #CHUNKS_IN} .. {@link #SAMPLES_MISSING}. */
    private static final String[] COUNTERS = {"chunksIn", "samplesIn", "chunksFlagged", "samplesMissing"};

    private static final int CHUNKS_IN = 0;
    private static final int SAMPLES_IN = 1;
    private static final int CHUNKS_FLAGGED = 2;
    private static final int SAMPLES_MISSING = 3;

    private final QualityCriteria criteria;
    private final long staleTimeoutMillis;

    private transient BadDataFlagger flagger;
    private transient ValueState<QualityState> quality;
    /** {@link #LAST_SEEN}, {@link #TIMER} (0: none pending) and {@link #STALE} (1: stale), updated in place. */
    private transient ValueState<long[]> watch;

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
        quality = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("quality", TypeInformation.of(QualityState.class)));
        watch = getRuntimeContext()
                .getState(new ValueStateDescriptor<>(
                        "staleWatch", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        metrics = new SessionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Chunk> out) throws Exception {
        QualityState s = quality.value();
        if (s == null) {
            s = QualityState.initial();
        }
        long missing = missingBefore(chunk, s);
        int flags = flagger.flag(chunk, s);
        quality.update(s);
        if (staleTimeoutMillis > 0) {
            flags |= watchStale(chunk, ctx);
        }
        Chunk flagged = chunk.withFlags(flags);
        Counter[] counters = metrics.counters(chunk.sessionId(), COUNTERS);
        counters[CHUNKS_IN].inc();
        counters[SAMPLES_IN].inc(chunk.length());
        if (ChunkFlags.isBad(flagged.flags())) {
            counters[CHUNKS_FLAGGED].inc();
        }
        if (missing > 0) {
            counters[SAMPLES_MISSING].inc(missing);
        }
        out.collect(flagged);
    }

    /**
     * Samples a regular stream should have delivered between the previous chunk and this one but did not (an outlet
     * that died and came back, a dropped connection): the time since the previous sample, in sample periods, minus
     * one. A source numbers the samples it receives, so the sequence numbers cannot tell; the timestamps can.
     */
    static long missingBefore(Chunk chunk, QualityState s) {
        double rate = chunk.nominalRate();
        if (rate <= 0 || Double.isNaN(s.lastTimestamp) || chunk.length() == 0) {
            return 0;
        }
        return Math.max(0, Math.round((chunk.timestamps()[0] - s.lastTimestamp) * rate) - 1);
    }

    /** Records the chunk's arrival and returns {@link ChunkFlags#STALE} if a silence ended with it. */
    private int watchStale(Chunk chunk, Context ctx) throws Exception {
        long[] w = watch.value();
        if (w == null) {
            w = new long[3];
        }
        int flags = 0;
        if (w[STALE] == 1) {
            flags = ChunkFlags.STALE;
            w[STALE] = 0;
        }
        long now = ctx.timerService().currentProcessingTime();
        w[LAST_SEEN] = now;
        if (chunk.hasFlag(ChunkFlags.END_OF_STREAM)) {
            if (w[TIMER] != 0) {
                ctx.timerService().deleteProcessingTimeTimer(w[TIMER]);
                w[TIMER] = 0;
            }
        } else if (w[TIMER] == 0) {
            w[TIMER] = now + staleTimeoutMillis;
            ctx.timerService().registerProcessingTimeTimer(w[TIMER]);
        }
        watch.update(w);
        return flags;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Chunk> out) throws Exception {
        long[] w = watch.value();
        if (w == null || w[TIMER] != timestamp) {
            return;
        }
        long silentSince = w[LAST_SEEN];
        if (ctx.timerService().currentProcessingTime() - silentSince >= staleTimeoutMillis) {
            w[STALE] = 1;
            w[TIMER] = 0;
        } else {
            w[TIMER] = silentSince + staleTimeoutMillis;
            ctx.timerService().registerProcessingTimeTimer(w[TIMER]);
        }
        watch.update(w);
    }
}
