package org.neuroloop.dsp.flink;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.filter.IirFilter;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.quality.Finite;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/**
 * Keyed by session: causal IIR filtering of every chunk with {@link SosFilter}, the per-channel section state
 * ({@code zi}) kept in Flink keyed state so a restart continues exactly where the checkpoint left off.
 *
 * <p>The cascade is designed from {@link FilterStage}s at the stream's nominal rate on the session's first chunk
 * (a rate the design cannot meet fails the job with the design's message). A session starts from zero state
 * ({@code scipy.signal.sosfilt} default) or, with {@code steadyStateStart}, from {@code sosfilt_zi} scaled by the
 * first sample. A chunk with NaN/Inf cannot be filtered: it is passed on with zeros in place of its samples
 * (it is flagged {@code NAN_OR_INF}, so nothing acts on it) and the filter restarts from its initial state.
 * A change of rate or channel count restarts the filter likewise.
 *
 * <p>With {@code inPlace} the filter overwrites its input chunk's samples and passes the chunk on, allocating
 * nothing per chunk; only an operator that is the sole consumer of its upstream may do that (Flink hands a chained
 * operator its own copy unless object reuse is on, and then the job must not branch before the filter).
 */
public final class CausalFilterFunction extends KeyedProcessFunction<String, Chunk, Chunk> {
    private static final long serialVersionUID = 1L;

    private final List<FilterStage> stages;
    private final boolean steadyStateStart;
    private final boolean inPlace;

    private transient ValueState<double[]> zi;
    private transient ValueState<Double> designedRate;
    /** Working filters, one per (rate, channels): the coefficients are shared, the state is swapped per key. */
    private transient Map<String, SosFilter> filters;
    /** The filter of the last chunk: a stream keeps its rate and channels, so the map lookup (and its key) is rare. */
    private transient SosFilter last;

    private transient double lastRate;
    private transient int lastChannels;

    public CausalFilterFunction(List<FilterStage> stages, boolean steadyStateStart) {
        this(stages, steadyStateStart, false);
    }

    /** @param inPlace filter the input chunk's samples in place (see the class comment) */
    public CausalFilterFunction(List<FilterStage> stages, boolean steadyStateStart, boolean inPlace) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("causal filter needs at least one stage");
        }
        this.stages = List.copyOf(stages);
        this.steadyStateStart = steadyStateStart;
        this.inPlace = inPlace;
    }

    @Override
    public void open(OpenContext openContext) {
        zi = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("zi", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        designedRate = getRuntimeContext().getState(new ValueStateDescriptor<>("ziRate", Double.class));
        filters = new HashMap<>();
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Chunk> out) throws Exception {
        if (chunk.length() == 0) {
            out.collect(chunk);
            return;
        }
        SosFilter filter = filterFor(chunk.nominalRate(), chunk.channels());
        double[] state = zi.value();
        Double rate = designedRate.value();
        if (state == null || state.length != filter.stateLength() || rate == null || rate != chunk.nominalRate()) {
            state = initialState(filter, chunk);
            designedRate.update(chunk.nominalRate());
        }
        if (chunk.hasFlag(ChunkFlags.NAN_OR_INF) || !Finite.all(chunk.samples())) {
            restart(chunk, out);
            return;
        }
        double[] y = inPlace ? chunk.samples() : chunk.samples().clone();
        // the session's state array is filtered in place: no copy in or out of the working filter
        if (!filter.processInPlace(y, state)) {
            restart(chunk, out); // an input beyond the double range overflowed the state
            return;
        }
        zi.update(state);
        out.collect(inPlace ? chunk : chunk.withSamples(y));
    }

    /** Passes the chunk on as zeros flagged {@code NAN_OR_INF} and restarts the session's filter. */
    private void restart(Chunk chunk, Collector<Chunk> out) throws Exception {
        double[] y = new double[chunk.samples().length];
        zi.clear();
        designedRate.clear();
        out.collect(chunk.withSamples(y).withFlags(ChunkFlags.NAN_OR_INF));
    }

    private double[] initialState(SosFilter filter, Chunk chunk) {
        if (steadyStateStart && Finite.all(chunk.samples())) {
            double[] first = Arrays.copyOf(chunk.samples(), chunk.channels());
            filter.resetToSteadyState(first);
        } else {
            filter.resetToZero();
        }
        return filter.state();
    }

    private SosFilter filterFor(double rate, int channels) {
        if (last != null && rate == lastRate && channels == lastChannels) {
            return last;
        }
        last = designFor(rate, channels);
        lastRate = rate;
        lastChannels = channels;
        return last;
    }

    private SosFilter designFor(double rate, int channels) {
        String key = rate + "/" + channels;
        SosFilter f = filters.get(key);
        if (f == null) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException(
                        "causal filter " + stages + " needs a stream with a nominal rate, got " + rate);
            }
            IirFilter design = FilterStage.cascade(stages, rate);
            f = SosFilter.zeroState(design, channels);
            filters.put(key, f);
        }
        return f;
    }
}
