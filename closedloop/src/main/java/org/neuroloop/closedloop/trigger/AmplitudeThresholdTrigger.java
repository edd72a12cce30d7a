package org.neuroloop.closedloop.trigger;

import java.io.Serializable;
import java.util.function.Consumer;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * The simplest causal detector: the rectified amplitude {@code |x[c]|} of one channel reaching a threshold. It fires
 * on the first sample at or above {@code threshold} and re-arms only after the amplitude falls below
 * {@code rearmLevel} (hysteresis, so one burst gives one event). Used by the latency benchmark, where each planted
 * burst must give exactly one decision, and as a template for policy input adapters.
 *
 * <p>State between chunks is one boolean ({@code above}), carried by the caller (keyed state in Flink).
 */
public final class AmplitudeThresholdTrigger implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String KIND = "threshold";

    private final int channel;
    private final double threshold;
    private final double rearmLevel;

    /**
     * @param channel channel index to watch
     * @param threshold amplitude at or above which it fires (same units as the samples, > 0)
     * @param rearmLevel amplitude below which it re-arms, in [0, threshold]
     */
    public AmplitudeThresholdTrigger(int channel, double threshold, double rearmLevel) {
        if (channel < 0) {
            throw new IllegalArgumentException("threshold trigger: channel must be >= 0, got " + channel);
        }
        if (!(threshold > 0) || !(rearmLevel >= 0 && rearmLevel <= threshold)) {
            throw new IllegalArgumentException("threshold trigger: need threshold > 0 and 0 <= rearm <= threshold, got "
                    + threshold + ", " + rearmLevel);
        }
        this.channel = channel;
        this.threshold = threshold;
        this.rearmLevel = rearmLevel;
    }

    /**
     * Scans one chunk.
     *
     * @param chunk the samples
     * @param wasAbove state after the previous chunk of the session (false for a new session)
     * @param events receives each crossing in the chunk, in time order
     * @return whether the signal is still above the re-arm level at the chunk's end (the next call's {@code wasAbove})
     * @throws IllegalArgumentException if the chunk has no channel {@code channel}
     */
    public boolean detect(Chunk chunk, boolean wasAbove, Consumer<DetectedEvent> events) {
        if (channel >= chunk.channels()) {
            throw new IllegalArgumentException("threshold trigger on channel " + channel + ": chunk of session "
                    + chunk.sessionId() + " has only " + chunk.channels() + " channels");
        }
        boolean above = wasAbove;
        double[] x = chunk.samples();
        int stride = chunk.channels();
        for (int i = 0, n = chunk.length(); i < n; i++) {
            double a = Math.abs(x[i * stride + channel]);
            if (above) {
                above = !(a < rearmLevel);
            } else if (a >= threshold) {
                above = true;
                double t = chunk.timestamps()[i];
                events.accept(new DetectedEvent(chunk.sessionId(), KIND, t, t, Double.NaN, Double.NaN, a, threshold,
                        Double.NaN, Double.NaN, chunk.flags()));
            }
        }
        return above;
    }
}
