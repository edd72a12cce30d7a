package org.neuroloop.classifiers.mi.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.OnlineDecoder;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Prediction;

/**
 * Keyed by session: decodes motor imagery on a sliding window of the band-passed stream with a trained
 * {@link MotorImageryModel}. The window is the model's epoch length; a decision is made after sample {@code seq}
 * when the window is full and {@code (seq + 1) % step == 0}, so decisions fall on absolute sample numbers whatever
 * the chunking and line up with the offline epochs when cue onsets are multiples of the step. Each decision is a
 * {@link Prediction} with the class probabilities, the timestamp of the newest sample used and the union of the
 * bad-data flags of the chunks inside the window.
 *
 * <p>The window and, for re-centering models, the running Riemannian reference live in keyed state
 * ({@link DecoderWindowState}), so a restart resumes with the same adaptation. A gap empties the window (the
 * reference is kept). The input must already be filtered with the model's band (the job puts the causal band-pass of
 * the model before it).
 * A stream with another channel count or rate than the model fails with a message naming the session.
 */
public final class MotorImageryDecoderFunction extends KeyedProcessFunction<String, Chunk, Prediction> {
    private static final long serialVersionUID = 1L;

    private final String modelJson;
    private final double stepSeconds;

    private transient MotorImageryModel model;
    private transient ValueState<DecoderWindowState> state;

    /**
     * @param model the trained model (carried as its JSON so the function serialises with the job)
     * @param stepSeconds time between decisions, e.g. 0.1
     */
    public MotorImageryDecoderFunction(MotorImageryModel model, double stepSeconds) {
        if (!(stepSeconds > 0)) {
            throw new IllegalArgumentException("MI decoder: step must be > 0 s, got " + stepSeconds);
        }
        this.modelJson = model.toJson().toString();
        this.stepSeconds = stepSeconds;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        model = MotorImageryModel.fromJson(new ObjectMapper().readTree(modelJson));
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("mi-decoder", TypeInformation.of(DecoderWindowState.class)));
    }

    /** Samples between decisions at the model's rate. */
    public int stepSamples() {
        return Math.max(1, (int) Math.round(stepSeconds * model.fs()));
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Prediction> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (chunk.channels() != model.channels().size()) {
            throw new IllegalArgumentException(
                    "MI decoder, session " + chunk.sessionId() + ": chunk has " + chunk.channels()
                            + " channels, the model expects " + model.channels().size());
        }
        if (chunk.nominalRate() != model.fs()) {
            throw new IllegalArgumentException("MI decoder, session " + chunk.sessionId() + ": stream rate "
                    + chunk.nominalRate() + " Hz, the model was trained at " + model.fs() + " Hz");
        }
        DecoderWindowState s = state.value();
        int w = model.windowSamples();
        if (s == null) {
            s = DecoderWindowState.sized(w, chunk.channels());
        } else if (chunk.hasFlag(ChunkFlags.GAP)) {
            double[] keep = s.decoder;
            s = DecoderWindowState.sized(w, chunk.channels());
            s.decoder = keep;
        }
        long lastSeq = chunk.firstSeq() + chunk.length() - 1;
        if (ChunkFlags.isBad(chunk.flags())) {
            s.badFlags = (s.lastBadSeq >= 0 ? s.badFlags : 0) | (chunk.flags() & ChunkFlags.BAD);
            s.lastBadSeq = lastSeq;
        }
        int step = stepSamples();
        double[] x = chunk.samples();
        for (int i = 0; i < chunk.length(); i++) {
            s.push(x, i);
            long seq = chunk.firstSeq() + i;
            if (s.size == w && (seq + 1) % step == 0) {
                OnlineDecoder decoder = model.pipeline().online();
                decoder.restore(s.decoder);
                double[] p = decoder.decide(s.epoch());
                s.decoder = decoder.state();
                int flags = s.lastBadSeq >= 0 && s.lastBadSeq > seq - w ? s.badFlags : 0;
                out.collect(new Prediction(chunk.sessionId(), chunk.timestamps()[i], p, argmax(p), flags));
            }
        }
        if (s.lastBadSeq >= 0 && s.lastBadSeq <= lastSeq - w) {
            s.lastBadSeq = -1;
            s.badFlags = 0;
        }
        state.update(s);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
