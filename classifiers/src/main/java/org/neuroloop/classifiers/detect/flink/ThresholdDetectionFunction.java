package org.neuroloop.classifiers.detect.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.detect.ThresholdDetector;
import org.neuroloop.classifiers.detect.ThresholdParameters;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * Keyed by session: the {@link ThresholdDetector} on chosen channels of every chunk, its per-session state kept by
 * {@link KeyedDetectorState}. Emits {@value #KIND} at each crossing (fired at and onset = the crossing sample,
 * value = the measure, threshold = {@code on}). A chunk without crossings allocates nothing.
 */
public final class ThresholdDetectionFunction extends KeyedProcessFunction<String, Chunk, DetectedEvent>
        implements ThresholdDetector.Listener {
    private static final long serialVersionUID = 1L;
    /** Kind of the emitted events. */
    public static final String KIND = "threshold";

    private final int[] channels;
    private final ThresholdParameters parameters;

    private transient KeyedDetectorState<ThresholdDetector> detectors;
    private transient Collector<DetectedEvent> out;
    private transient String session;
    private transient int flags;

    /** @param channels indices of the channels to watch */
    public ThresholdDetectionFunction(int[] channels, ThresholdParameters parameters) {
        this.channels = channels.clone();
        this.parameters = parameters;
    }

    @Override
    public void open(OpenContext ctx) {
        detectors = new KeyedDetectorState<>(
                getRuntimeContext(), "threshold-detector", rate -> new ThresholdDetector(parameters, channels, rate));
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<DetectedEvent> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        ThresholdDetector d = detectors.load(chunk.nominalRate(), chunk.sessionId());
        this.out = out;
        this.session = chunk.sessionId();
        this.flags = chunk.flags();
        d.scan(chunk, ChunkFlags.isBad(flags), this);
        detectors.save(d);
    }

    @Override
    public void onCrossing(double time, double value) {
        out.collect(new DetectedEvent(
                session,
                KIND,
                time,
                time,
                Double.NaN,
                Double.NaN,
                value,
                parameters.on(),
                Double.NaN,
                Double.NaN,
                flags));
    }
}
