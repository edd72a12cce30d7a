package org.neuroloop.deploy.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.sleep.SlowOscillationParameters;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.classifiers.sleep.flink.SlowOscillationTargetFunction;
import org.neuroloop.classifiers.sleep.flink.SpindleDetectionFunction;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * Runs h6's keyed sleep detectors ({@link SpindleDetectionFunction}, {@link SlowOscillationTargetFunction}) with
 * their default parameters, building them in {@link #open} on the TaskManager.
 *
 * <p>Why this exists: the parameter records of the sleep detectors are not {@code Serializable}, so the detector
 * functions cannot be shipped in a job graph as they are; this wrapper ships only the detector kind, channel and
 * target phase and delegates everything (state, timers, output) to the real function. Remove it once the
 * parameter records implement {@code Serializable}.
 */
final class SleepDetectorFunction extends KeyedProcessFunction<String, Chunk, DetectedEvent> {
    private static final long serialVersionUID = 1L;

    private final boolean spindles;
    private final int channel;
    private final double targetDeg;
    private transient KeyedProcessFunction<String, Chunk, DetectedEvent> detector;

    SleepDetectorFunction(boolean spindles, int channel, double targetDeg) {
        this.spindles = spindles;
        this.channel = channel;
        this.targetDeg = targetDeg;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        detector = spindles ? new SpindleDetectionFunction(channel, SpindleParameters.defaults())
                : new SlowOscillationTargetFunction(channel, SlowOscillationParameters.defaults(), targetDeg);
        detector.setRuntimeContext(getRuntimeContext());
        detector.open(ctx);
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<DetectedEvent> out) throws Exception {
        detector.processElement(chunk, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DetectedEvent> out) throws Exception {
        detector.onTimer(timestamp, ctx, out);
    }

    @Override
    public void close() throws Exception {
        if (detector != null) {
            detector.close();
        }
    }
}
