package org.neuroloop.classifiers.deep.simpleconv.flink;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.dsp.flink.CausalFilterFunction;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Prediction;

/**
 * Wires online simpleconv decoding onto raw chunks: keyed by session, the model's causal Butterworth band-pass
 * (as the motor-imagery decoder stage of {@code NeuroLoopJob}), then {@link SimpleConvDecoderFunction}.
 */
public final class SimpleConvStreams {

    private SimpleConvStreams() {}

    public static DataStream<Prediction> decode(DataStream<Chunk> raw, SimpleConvModel model, double stepSeconds) {
        Band band = model.band();
        DataStream<Chunk> filtered = raw.keyBy(Chunk::sessionId)
                .process(new CausalFilterFunction(
                        List.of(FilterStage.bandpass(Band.ORDER, band.low(), band.high())), false))
                .name("simpleconv band-pass " + band.spec() + " Hz");
        return filtered.keyBy(Chunk::sessionId)
                .process(new SimpleConvDecoderFunction(model, stepSeconds))
                .name("simpleconv decoder");
    }
}
