package org.neuroloop.dsp.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.FeatureVector;

/**
 * Keyed by session: a sliding window of {@code windowSeconds} over the chunk stream, evaluated every
 * {@code stepSeconds}. The window lives in Flink keyed state ({@link WindowState}), so features continue across
 * a restart.
 *
 * <p>Windows end on absolute sample numbers: with {@code W} and {@code S} the window and step in samples, a
 * window is evaluated after sample {@code seq} when {@code (seq + 1) % S == 0} and the window is full, however
 * the stream was cut into chunks, so the features never depend on chunk sizes. A feature vector carries the
 * timestamp of the window's newest sample and the union of the bad-data flags of the chunks inside the window.
 * A gap or a change of rate or channel count empties the window.
 */
public abstract class SlidingWindowFunction extends KeyedProcessFunction<String, Chunk, FeatureVector> {
    private static final long serialVersionUID = 1L;

    private final double windowSeconds;
    private final double stepSeconds;
    private final String stateName;

    private transient ValueState<WindowState> windowState;
    private transient double[] ordered;

    protected SlidingWindowFunction(String stateName, double windowSeconds, double stepSeconds) {
        if (!(windowSeconds > 0) || !(stepSeconds > 0) || stepSeconds > windowSeconds) {
            throw new IllegalArgumentException(stateName + ": need 0 < step <= window, got window " + windowSeconds
                    + " s, step " + stepSeconds + " s");
        }
        this.windowSeconds = windowSeconds;
        this.stepSeconds = stepSeconds;
        this.stateName = stateName;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        windowState = getRuntimeContext()
                .getState(new ValueStateDescriptor<>(stateName, TypeInformation.of(WindowState.class)));
    }

    /** Window length in samples at {@code rate}. */
    public int windowSamples(double rate) {
        return Math.max(1, (int) Math.round(windowSeconds * rate));
    }

    /** Step in samples at {@code rate}. */
    public int stepSamples(double rate) {
        return Math.max(1, (int) Math.round(stepSeconds * rate));
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<FeatureVector> out) throws Exception {
        if (chunk.length() == 0 || !(chunk.nominalRate() > 0)) {
            return;
        }
        WindowState s = windowState.value();
        int w = windowSamples(chunk.nominalRate());
        if (s == null
                || s.channels != chunk.channels()
                || s.rate != chunk.nominalRate()
                || chunk.hasFlag(ChunkFlags.GAP)) {
            WindowState fresh = WindowState.sized(w, chunk.channels(), chunk.nominalRate());
            if (s != null && s.channels == chunk.channels()) {
                fresh.carried = s.carried; // session-level carried values survive a gap
                fresh.carriedCount = s.carriedCount;
            }
            s = fresh;
        }
        if (ordered == null || ordered.length != s.ring.length) {
            ordered = new double[s.ring.length];
        }
        long lastSeq = chunk.firstSeq() + chunk.length() - 1;
        if (ChunkFlags.isBad(chunk.flags())) {
            s.badFlags = (s.lastBadSeq >= 0 ? s.badFlags : 0) | (chunk.flags() & ChunkFlags.BAD);
            s.lastBadSeq = lastSeq;
        }
        int step = stepSamples(chunk.nominalRate());
        double[] x = chunk.samples();
        for (int i = 0; i < chunk.length(); i++) {
            s.push(x, i);
            long seq = chunk.firstSeq() + i;
            if (s.size == w && (seq + 1) % step == 0) {
                s.copyOrdered(ordered);
                boolean badInWindow = s.lastBadSeq >= 0 && s.lastBadSeq > seq - w;
                int flags = badInWindow ? s.badFlags : 0;
                evaluate(chunk.sessionId(), chunk.timestamps()[i], ordered, s.channels, s.rate, flags, s, out);
            }
        }
        if (s.lastBadSeq >= 0 && s.lastBadSeq <= lastSeq - w) {
            s.lastBadSeq = -1;
            s.badFlags = 0;
        }
        windowState.update(s);
    }

    /**
     * Computes the features of one full window.
     *
     * @param window the window, oldest sample first, interleaved ({@code window[i * channels + c]}); reused
     *               between calls, do not keep
     * @param state the session's state, whose {@link WindowState#carried} values the operator may update
     */
    protected abstract void evaluate(
            String sessionId,
            double timestamp,
            double[] window,
            int channels,
            double rate,
            int flags,
            WindowState state,
            Collector<FeatureVector> out);
}
