package org.neuroloop.classifiers.mi.flink;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.dsp.flink.CausalFilterFunction;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Prediction;

import java.util.List;

/**
 * Wires online motor-imagery decoding onto a stream of raw chunks: keyed by session, the model's causal
 * Butterworth band-pass (order {@link Band#ORDER}, zero initial state, {@link CausalFilterFunction}) and then
 * {@link MotorImageryDecoderFunction} — the same numbers the offline epochs see.
 */
public final class MotorImageryStreams {

    private MotorImageryStreams() {
    }

    public static DataStream<Prediction> decode(DataStream<Chunk> raw, MotorImageryModel model, double stepSeconds) {
        Band band = model.band();
        DataStream<Chunk> filtered = raw.keyBy(Chunk::sessionId)
                .process(new CausalFilterFunction(List.of(FilterStage.bandpass(Band.ORDER, band.low(), band.high())), false))
                .name("mi band-pass " + band.spec() + " Hz");
        return filtered.keyBy(Chunk::sessionId)
                .process(new MotorImageryDecoderFunction(model, stepSeconds))
                .name("mi decoder " + model.spec().describe());
    }
}
