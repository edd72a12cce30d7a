package org.neuroloop.lsl4j;

import java.util.function.DoubleSupplier;
import org.neuroloop.lsl4j.time.Monotonizer;
import org.neuroloop.lsl4j.time.RlsDejitter;

/**
 * The timestamp post-processing of one {@link StreamInlet}, liblsl's {@code proc_} flags: clock sync, dejitter
 * (regular streams only) and monotonize, in that order.
 */
final class StampPostprocessing {
    private static final double DEJITTER_HALF_TIME_SECONDS = 90.0;

    private final double rate;
    private final RlsDejitter dejitter;
    private final Monotonizer monotonizer = new Monotonizer();
    private int flags;

    StampPostprocessing(double rate, int flags) {
        this.rate = rate;
        this.flags = flags;
        this.dejitter = new RlsDejitter(rate > 0 ? rate : 1.0, DEJITTER_HALF_TIME_SECONDS);
    }

    void setFlags(int flags) {
        this.flags = flags;
    }

    /** Post-processes {@code ts[0..n-1]} in place; {@code correction} is asked only under clock sync. */
    void apply(double[] ts, int n, DoubleSupplier correction) {
        if ((flags & StreamInlet.PROC_CLOCKSYNC) != 0) {
            double c = correction.getAsDouble();
            for (int i = 0; i < n; i++) {
                ts[i] += c;
            }
        }
        if ((flags & StreamInlet.PROC_DEJITTER) != 0 && rate > 0) {
            dejitter.apply(ts, n);
        }
        if ((flags & StreamInlet.PROC_MONOTONIZE) != 0) {
            monotonizer.apply(ts, n);
        }
    }

    /** Forgets the dejitter fit: a new outlet's clock starts a new line. */
    void reset() {
        dejitter.reset();
    }
}
