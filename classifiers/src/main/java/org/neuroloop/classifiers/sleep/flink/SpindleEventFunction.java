package org.neuroloop.classifiers.sleep.flink;

import java.util.function.DoubleFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.detect.SavedState;
import org.neuroloop.classifiers.detect.flink.KeyedDetectorState;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * Keyed by session: an online spindle detector on one channel of every chunk, emitting, in time order,
 * {@code "spindle-onset"} at the fire (the moment to act; offset NaN, value = the detector's score, threshold = its
 * start threshold), then {@code "spindle"} when the spindle ends, or {@code "spindle-rejected"} if its duration fell
 * outside the limits. Samples of a chunk with a bad-data flag are fed as NaN (each detector's gap treatment, see
 * {@link ChunkFlags#BAD}); the flags are carried on the events. An {@code END_OF_STREAM} chunk ends a running
 * spindle. Each session's detector state is keyed state, loaded into a working detector per rate for each chunk
 * ({@link KeyedDetectorState}, in place). The classic and the network detector differ only in the detector.
 *
 * @param <D> the detector
 */
public abstract class SpindleEventFunction<D extends SavedState>
        extends KeyedProcessFunction<String, Chunk, DetectedEvent> {
    private static final long serialVersionUID = 1L;

    private final int channel;
    private final String what;

    private transient KeyedDetectorState<D> detectors;
    private transient Emitter emitter;

    /**
     * @param channel index of the channel to watch in each chunk
     * @param what the detector in messages
     */
    protected SpindleEventFunction(int channel, String what) {
        if (channel < 0) {
            throw new IllegalArgumentException(what + " channel index must be >= 0, got " + channel);
        }
        this.channel = channel;
        this.what = what;
    }

    /**
     * Sets up the keyed state and the emitter; call from {@code open}.
     *
     * @param state name of the keyed state
     * @param factory a fresh detector for a sampling rate
     * @param threshold the start threshold carried on every event
     * @param valueIsScore the value of a finished spindle is its score (else its amplitude)
     */
    protected final void openDetectors(
            String state, DoubleFunction<D> factory, double threshold, boolean valueIsScore) {
        detectors = new KeyedDetectorState<>(getRuntimeContext(), state, factory);
        emitter = new Emitter(threshold, valueIsScore);
    }

    /** One sample (NaN in a bad chunk) into the detector. */
    protected abstract void step(D detector, double x, double t, SpindleListener out);

    /** Ends a running spindle at the end of the stream. */
    protected abstract void flush(D detector, SpindleListener out);

    @Override
    public final void processElement(Chunk chunk, Context ctx, Collector<DetectedEvent> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (channel >= chunk.channels()) {
            throw new IllegalArgumentException(what + " on channel " + channel + " but session " + chunk.sessionId()
                    + " has " + chunk.channels() + " channels");
        }
        D d = detectors.load(chunk.nominalRate(), chunk.sessionId());
        int flags = chunk.flags();
        boolean bad = ChunkFlags.isBad(flags);
        Emitter emit = emitter.to(out, chunk.sessionId(), flags);
        double[] ts = chunk.timestamps();
        double[] x = chunk.samples();
        int ch = chunk.channels();
        for (int i = 0; i < ts.length; i++) {
            step(d, bad ? Double.NaN : x[i * ch + channel], ts[i], emit);
        }
        if (chunk.hasFlag(ChunkFlags.END_OF_STREAM)) {
            flush(d, emit);
        }
        detectors.save(d);
        emit.to(null, null, 0);
    }

    /** Turns detector callbacks into events of the current chunk's session; one per task, re-targeted per chunk. */
    private static final class Emitter implements SpindleListener {
        private final double threshold;
        private final boolean valueIsScore;
        private Collector<DetectedEvent> out;
        private String session;
        private int flags;

        Emitter(double threshold, boolean valueIsScore) {
            this.threshold = threshold;
            this.valueIsScore = valueIsScore;
        }

        Emitter to(Collector<DetectedEvent> newOut, String newSession, int newFlags) {
            out = newOut;
            session = newSession;
            flags = newFlags;
            return this;
        }

        @Override
        public void onFire(double firedAt, double onsetEstimate, double score) {
            out.collect(new DetectedEvent(
                    session,
                    "spindle-onset",
                    firedAt,
                    onsetEstimate,
                    Double.NaN,
                    Double.NaN,
                    score,
                    threshold,
                    Double.NaN,
                    Double.NaN,
                    flags));
        }

        @Override
        public void onSpindle(Spindle s) {
            out.collect(new DetectedEvent(
                    session,
                    s.accepted() ? "spindle" : "spindle-rejected",
                    s.firedAt(),
                    s.onset(),
                    s.offset(),
                    s.peak(),
                    valueIsScore ? s.score() : s.amplitude(),
                    threshold,
                    s.frequency(),
                    Double.NaN,
                    flags));
        }
    }
}
