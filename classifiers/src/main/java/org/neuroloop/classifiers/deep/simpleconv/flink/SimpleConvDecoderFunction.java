package org.neuroloop.classifiers.deep.simpleconv.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.simpleconv.EpochResampling;
import org.neuroloop.classifiers.deep.simpleconv.EuclideanAlignment;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.mi.flink.DecoderWindowState;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Prediction;

/**
 * Keyed by session: decodes motor imagery with a subject-fine-tuned {@link SimpleConvModel} on a sliding window of
 * the band-passed stream, the same window and decision grid as
 * {@link org.neuroloop.classifiers.mi.flink.MotorImageryDecoderFunction}. Per decision: the subject's Euclidean
 * alignment, resampling to the network rate, one forward pass.
 *
 * <p>The network is loaded once per task in {@link #open} (one PyTorch thread, set by the launcher) and closed in
 * {@link #close}; the per-decision buffers are allocated once, so a decision allocates only the forward pass's
 * arrays (freed before it returns, their Java handles bounded by {@code DeepOperatorAllocationTest}) and the
 * emitted prediction. The window lives in keyed state ({@link DecoderWindowState}).
 */
public final class SimpleConvDecoderFunction extends KeyedProcessFunction<String, Chunk, Prediction> {
    private static final long serialVersionUID = 1L;

    private final String modelJson;
    private final double stepSeconds;

    private transient SimpleConvModel model;
    private transient LoadedNetwork network;
    private transient ValueState<DecoderWindowState> state;
    private transient double[][] epoch;
    private transient double[][] aligned;
    private transient float[] input;
    private transient double[] p1;

    /**
     * @param model a model fine-tuned to the subject (it carries the subject's alignment)
     * @param stepSeconds time between decisions
     */
    public SimpleConvDecoderFunction(SimpleConvModel model, double stepSeconds) {
        if (model.alignment() == null) {
            throw new IllegalArgumentException("simpleconv decoder: the model has no subject alignment;"
                    + " fine-tune it on the subject first"
                    + " (train mi --pipeline simpleconv --pretrained PRE.model --recording ...)");
        }
        if (!(stepSeconds > 0)) {
            throw new IllegalArgumentException("simpleconv decoder: step must be > 0 s, got " + stepSeconds);
        }
        this.modelJson = model.toJson().toString();
        this.stepSeconds = stepSeconds;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        model = SimpleConvModel.fromJson(new ObjectMapper().readTree(modelJson));
        network = model.inference();
        state = getRuntimeContext()
                .getState(
                        new ValueStateDescriptor<>("simpleconv-decoder", TypeInformation.of(DecoderWindowState.class)));
        int c = model.channels().size();
        epoch = new double[c][model.epochSamples()];
        aligned = new double[c][model.epochSamples()];
        input = new float[c * model.networkSamples()];
        p1 = new double[1];
    }

    @Override
    public void close() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<Prediction> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (chunk.channels() != model.channels().size() || chunk.nominalRate() != model.fs()) {
            throw new IllegalArgumentException("simpleconv decoder, session " + chunk.sessionId() + ": stream has "
                    + chunk.channels()
                    + " channels at " + chunk.nominalRate() + " Hz, the model expects "
                    + model.channels().size()
                    + " at " + model.fs() + " Hz");
        }
        DecoderWindowState s = state.value();
        int w = model.epochSamples();
        if (s == null || chunk.hasFlag(ChunkFlags.GAP)) {
            s = DecoderWindowState.sized(w, chunk.channels());
        }
        long lastSeq = chunk.firstSeq() + chunk.length() - 1;
        if (ChunkFlags.isBad(chunk.flags())) {
            s.badFlags = (s.lastBadSeq >= 0 ? s.badFlags : 0) | (chunk.flags() & ChunkFlags.BAD);
            s.lastBadSeq = lastSeq;
        }
        int step = Math.max(1, (int) Math.round(stepSeconds * model.fs()));
        double[] x = chunk.samples();
        EuclideanAlignment alignment = model.alignment();
        for (int i = 0; i < chunk.length(); i++) {
            s.push(x, i);
            long seq = chunk.firstSeq() + i;
            if (s.size == w && (seq + 1) % step == 0) {
                alignment.apply(s.epoch(epoch), aligned);
                EpochResampling.write(aligned, model.fs(), model.config().resampleHz(), input, 0);
                network.predictProba1(input, 1, p1);
                double p = p1[0];
                int flags = s.lastBadSeq >= 0 && s.lastBadSeq > seq - w ? s.badFlags : 0;
                out.collect(new Prediction(
                        chunk.sessionId(), chunk.timestamps()[i], new double[] {1 - p, p}, p > 0.5 ? 1 : 0, flags));
            }
        }
        if (s.lastBadSeq >= 0 && s.lastBadSeq <= lastSeq - w) {
            s.lastBadSeq = -1;
            s.badFlags = 0;
        }
        state.update(s);
    }
}
