package org.neuroloop.classifiers.sleep.flink;

import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.detect.flink.KeyedDetectorState;
import org.neuroloop.classifiers.sleep.NegativeHalfWave;
import org.neuroloop.classifiers.sleep.PhaseTarget;
import org.neuroloop.classifiers.sleep.SlowOscillationParameters;
import org.neuroloop.classifiers.sleep.SlowOscillationTargeter;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * Keyed by session: the causal {@link SlowOscillationTargeter} on one channel, its per-session state kept by
 * {@link KeyedDetectorState}.
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

    private transient KeyedDetectorState<SlowOscillationTargeter> targeters;
    private transient Consumer<NegativeHalfWave> halfWaves;
    private transient Consumer<PhaseTarget> targets;
    /** Where the current chunk's events go; the two consumers above read these instead of capturing them. */
    private transient Collector<DetectedEvent> out;

    private transient String session;
    private transient int flags;

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
        targeters = new KeyedDetectorState<>(
                getRuntimeContext(), "so-targeter", rate -> new SlowOscillationTargeter(parameters, rate, targetRad));
        halfWaves = hw -> out.collect(new DetectedEvent(
                session,
                "so-halfwave",
                hw.up(),
                hw.down(),
                hw.up(),
                hw.trough(),
                hw.troughValue(),
                -parameters.troughMicrovolts(),
                hw.frequency(),
                Double.NaN,
                flags));
        targets = t -> out.collect(new DetectedEvent(
                session,
                "so-upstate",
                t.firedAt(),
                t.halfWave().down(),
                t.halfWave().up(),
                t.predictedAtArm(),
                t.estimatedPhase(),
                targetRad,
                t.halfWave().frequency(),
                t.targetTime(),
                flags));
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
        SlowOscillationTargeter tg = targeters.load(chunk.nominalRate(), chunk.sessionId());
        this.out = out;
        this.session = chunk.sessionId();
        this.flags = chunk.flags();
        boolean bad = ChunkFlags.isBad(flags);
        double[] ts = chunk.timestamps();
        double[] x = chunk.samples();
        int ch = chunk.channels();
        for (int i = 0; i < ts.length; i++) {
            tg.step(bad ? Double.NaN : x[i * ch + channel], ts[i], halfWaves, targets);
        }
        targeters.save(tg);
    }
}
