package org.neuroloop.classifiers.sleep.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.detect.flink.KeyedDetectorState;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleDetector;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * Keyed by session: the causal {@link SpindleDetector} on one channel of every chunk, its whole state (filters,
 * windows, baselines, run) in Flink keyed state so a restore continues exactly.
 *
 * <p>Emits, in time order: {@code "spindle-onset"} at the fire (the moment to act; offset NaN, value = z-score,
 * threshold = start threshold), then {@code "spindle"} when it ends (onset, offset, peak, value = amplitude µV,
 * frequency), or {@code "spindle-rejected"} if its duration fell outside the limits. Samples of a chunk with a bad-data
 * flag are fed as gaps (nothing starts on them; see {@link ChunkFlags#BAD}); the flags are carried on the events. An
 * {@code END_OF_STREAM} chunk ends a running spindle. The per-session state is kept by {@link KeyedDetectorState}.
 */
public final class SpindleDetectionFunction extends KeyedProcessFunction<String, Chunk, DetectedEvent>
        implements SpindleListener {
    private static final long serialVersionUID = 1L;

    private final int channel;
    private final SpindleParameters parameters;

    private transient KeyedDetectorState<SpindleDetector> detectors;
    /** Where the current chunk's events go: set per chunk, so the listener is this function, not a new object. */
    private transient Collector<DetectedEvent> out;

    private transient String session;
    private transient int flags;

    /** @param channel index of the channel to watch in each chunk */
    public SpindleDetectionFunction(int channel, SpindleParameters parameters) {
        if (channel < 0) {
            throw new IllegalArgumentException("spindle detection channel index must be >= 0, got " + channel);
        }
        this.channel = channel;
        this.parameters = parameters;
    }

    @Override
    public void open(OpenContext ctx) {
        detectors = new KeyedDetectorState<>(
                getRuntimeContext(), "spindle-detector", rate -> new SpindleDetector(parameters, rate));
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<DetectedEvent> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (channel >= chunk.channels()) {
            throw new IllegalArgumentException("spindle detection on channel " + channel + " but session "
                    + chunk.sessionId() + " has " + chunk.channels() + " channels");
        }
        SpindleDetector d = detectors.load(chunk.nominalRate(), chunk.sessionId());
        this.out = out;
        this.session = chunk.sessionId();
        this.flags = chunk.flags();
        boolean bad = ChunkFlags.isBad(flags);
        double[] ts = chunk.timestamps();
        double[] x = chunk.samples();
        int ch = chunk.channels();
        for (int i = 0; i < ts.length; i++) {
            d.step(bad ? Double.NaN : x[i * ch + channel], ts[i], this);
        }
        if (chunk.hasFlag(ChunkFlags.END_OF_STREAM)) {
            d.flush(this);
        }
        detectors.save(d);
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
                parameters.zRmsStart(),
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
                s.amplitude(),
                parameters.zRmsStart(),
                s.frequency(),
                Double.NaN,
                flags));
    }
}
