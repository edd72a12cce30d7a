package org.neuroloop.classifiers.sleep.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.sleep.SlowOscillationParameters;
import org.neuroloop.classifiers.sleep.SlowOscillationTargeter;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * Keyed by session: the causal {@link SlowOscillationTargeter} on one channel, state in Flink keyed state.
 *
 * <p>Emits {@code "so-halfwave"} for every qualifying negative half-wave (onset = downward crossing, offset = upward
 * crossing, peak = trough time, value = trough µV, frequency) and {@code "so-upstate"} when the estimated phase reaches
 * the target: {@code firedAt} the deciding sample, {@code targetTime} when the stimulus should land, value = the
 * estimated phase (rad), peak = the up-state time predicted when the half-wave qualified. Samples of bad chunks are
 * gaps (the targeter disarms).
 */
public final class SlowOscillationTargetFunction extends KeyedProcessFunction<String, Chunk, DetectedEvent> {
    private static final long serialVersionUID = 1L;

    private final int channel;
    private final SlowOscillationParameters parameters;
    private final double targetRad;

    private transient ValueState<double[]> targeterState;
    private transient ValueState<Double> rateState;
    private transient Map<Double, SlowOscillationTargeter> working;
    private transient Map<Double, double[]> freshState;

    /** @param targetDeg target phase in degrees (0 = up-state peak) */
    public SlowOscillationTargetFunction(int channel, SlowOscillationParameters parameters, double targetDeg) {
        if (channel < 0) {
            throw new IllegalArgumentException("slow-oscillation channel index must be >= 0, got " + channel);
        }
        this.channel = channel;
        this.parameters = parameters;
        this.targetRad = Math.toRadians(targetDeg);
    }

    @Override
    public void open(OpenContext ctx) {
        targeterState = getRuntimeContext().getState(new ValueStateDescriptor<>("so-targeter", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        rateState = getRuntimeContext().getState(new ValueStateDescriptor<>("so-rate", Double.class));
        working = new HashMap<>();
        freshState = new HashMap<>();
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<DetectedEvent> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (channel >= chunk.channels()) {
            throw new IllegalArgumentException("slow-oscillation targeting on channel " + channel + " but session "
                    + chunk.sessionId() + " has " + chunk.channels() + " channels");
        }
        double rate = chunk.nominalRate();
        SlowOscillationTargeter tg = working.get(rate);
        if (tg == null) {
            tg = new SlowOscillationTargeter(parameters, rate, targetRad);
            working.put(rate, tg);
            freshState.put(rate, tg.saveState());
        }
        Double known = rateState.value();
        double[] st = targeterState.value();
        tg.loadState(st == null || known == null || known != rate ? freshState.get(rate) : st);
        int flags = chunk.flags();
        boolean bad = ChunkFlags.isBad(flags);
        String s = chunk.sessionId();
        double[] ts = chunk.timestamps();
        double[] x = chunk.samples();
        int ch = chunk.channels();
        java.util.function.Consumer<org.neuroloop.classifiers.sleep.NegativeHalfWave> halfWaves =
                hw -> out.collect(new DetectedEvent(s, "so-halfwave", hw.up(), hw.down(), hw.up(), hw.trough(), hw.troughValue(),
                        -parameters.troughMicrovolts(), hw.frequency(), Double.NaN, flags));
        java.util.function.Consumer<org.neuroloop.classifiers.sleep.PhaseTarget> targets =
                t -> out.collect(new DetectedEvent(s, "so-upstate", t.firedAt(), t.halfWave().down(), t.halfWave().up(),
                        t.predictedAtArm(), t.estimatedPhase(), targetRad, t.halfWave().frequency(), t.targetTime(), flags));
        for (int i = 0; i < ts.length; i++) {
            tg.step(bad ? Double.NaN : x[i * ch + channel], ts[i], halfWaves, targets);
        }
        targeterState.update(tg.saveState());
        rateState.update(rate);
    }
}
