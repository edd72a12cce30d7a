package org.neuroloop.classifiers.deep.spindles.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.spindles.SpindleNetDetector;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.detect.flink.KeyedDetectorState;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * Keyed by session: the online spindle network ({@link SpindleNetDetector}) on one channel of every chunk, emitting
 * the same events as {@link org.neuroloop.classifiers.sleep.flink.SpindleDetectionFunction}: {@code "spindle-onset"}
 * at the fire (value = network probability), then {@code "spindle"} or {@code "spindle-rejected"} when the run ends
 * (value = peak probability).
 *
 * <p>The network is loaded once per task in {@link #open} and shared by every session of the task; each session's
 * front-end and event state is Flink keyed state, loaded into a working detector per rate for each chunk
 * ({@link KeyedDetectorState}, in place, so a chunk allocates no state copies). Samples of a bad chunk are fed as
 * zeros (the front end's treatment of non-finite input).
 */
public final class SpindleNetDetectionFunction extends KeyedProcessFunction<String, Chunk, DetectedEvent> {
    private static final long serialVersionUID = 1L;

    private final String modelJson;
    private final int channel;

    private transient SpindleNetModel model;
    private transient LoadedNetwork network;
    private transient KeyedDetectorState<SpindleNetDetector> detectors;
    private transient Emitter emitter;

    public SpindleNetDetectionFunction(SpindleNetModel model, int channel) {
        if (channel < 0) {
            throw new IllegalArgumentException("spindle net channel index must be >= 0, got " + channel);
        }
        this.modelJson = model.toJson().toString();
        this.channel = channel;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        model = SpindleNetModel.fromJson(new ObjectMapper().readTree(modelJson));
        network = model.load();
        detectors = new KeyedDetectorState<>(
                getRuntimeContext(), "spindle-net", rate -> new SpindleNetDetector(model, network, rate));
        emitter = new Emitter(model.rule().threshold());
    }

    @Override
    public void close() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<DetectedEvent> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (channel >= chunk.channels()) {
            throw new IllegalArgumentException("spindle net on channel " + channel + " but session " + chunk.sessionId()
                    + " has "
                    + chunk.channels() + " channels");
        }
        SpindleNetDetector d = detectors.load(chunk.nominalRate(), chunk.sessionId());
        int flags = chunk.flags();
        boolean bad = ChunkFlags.isBad(flags);
        Emitter emit = emitter.to(out, chunk.sessionId(), flags);
        double[] ts = chunk.timestamps();
        double[] x = chunk.samples();
        int ch = chunk.channels();
        for (int i = 0; i < ts.length; i++) {
            d.step(bad ? Double.NaN : x[i * ch + channel], ts[i], emit);
        }
        if (chunk.hasFlag(ChunkFlags.END_OF_STREAM)) {
            d.flush(emit);
        }
        detectors.save(d);
        emit.to(null, null, 0);
    }

    /** Turns detector callbacks into events of the current chunk's session; one per task, re-targeted per chunk. */
    private static final class Emitter implements SpindleListener {
        private final double threshold;
        private Collector<DetectedEvent> out;
        private String session;
        private int flags;

        Emitter(double threshold) {
            this.threshold = threshold;
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
                    s.score(),
                    threshold,
                    s.frequency(),
                    Double.NaN,
                    flags));
        }
    }
}
