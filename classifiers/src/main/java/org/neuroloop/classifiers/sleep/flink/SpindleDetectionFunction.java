package org.neuroloop.classifiers.sleep.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.neuroloop.classifiers.sleep.SpindleDetector;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.classifiers.sleep.SpindleParameters;

/**
 * Keyed by session: the causal {@link SpindleDetector} on one channel of every chunk, its whole state (filters,
 * windows, baselines, run) in Flink keyed state so a restore continues exactly.
 *
 * <p>Events as {@link SpindleEventFunction} emits them: on {@code "spindle-onset"} value = z-score and threshold =
 * start threshold; on {@code "spindle"} onset, offset, peak, value = amplitude µV and frequency. Samples of a bad chunk
 * are fed as gaps (nothing starts on them).
 */
public final class SpindleDetectionFunction extends SpindleEventFunction<SpindleDetector> {
    private static final long serialVersionUID = 2L;

    private final SpindleParameters parameters;

    /** @param channel index of the channel to watch in each chunk */
    public SpindleDetectionFunction(int channel, SpindleParameters parameters) {
        super(channel, "spindle detection");
        this.parameters = parameters;
    }

    @Override
    public void open(OpenContext ctx) {
        openDetectors("spindle-detector", rate -> new SpindleDetector(parameters, rate), parameters.zRmsStart(), false);
    }

    @Override
    protected void step(SpindleDetector detector, double x, double t, SpindleListener out) {
        detector.step(x, t, out);
    }

    @Override
    protected void flush(SpindleDetector detector, SpindleListener out) {
        detector.flush(out);
    }
}
