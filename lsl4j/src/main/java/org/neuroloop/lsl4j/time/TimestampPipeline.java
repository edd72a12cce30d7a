package org.neuroloop.lsl4j.time;

import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * The timestamp stages in liblsl's order: clock sync ({@link ClockOffsetCorrector}) → jump check
 * ({@link ClockJumpDetector}) → dejitter ({@link RlsDejitter}) → monotonize ({@link Monotonizer}).
 *
 * <p>A clock reset reported by the inlet ({@code wasClockReset}), an offset jump, or a timestamp discontinuity flags
 * the chunk as a clock jump and restarts the dejitter fit (and monotonization, for resets) at that
 * sample. Dependencies come in as callbacks, so the pipeline is tested without a network. Not thread-safe.
 */
public final class TimestampPipeline {
    private final TimestampSettings settings;
    private final ClockOffsetCorrector clock;
    private final BooleanSupplier wasClockReset;
    private final DoubleSupplier localClock;
    private final ClockJumpDetector jumps;
    private final RlsDejitter dejitter;
    private final Monotonizer monotonizer = new Monotonizer();

    /**
     * @param nominalRate Hz (0 = irregular)
     * @param measureOffset clock offset source (e.g. {@code inlet.timeCorrection(t)}), called every refresh period
     * @param wasClockReset liblsl's clock-reset flag (e.g. {@code inlet::wasClockReset})
     * @param localClock this host's LSL clock, seconds
     */
    public TimestampPipeline(
            TimestampSettings settings,
            double nominalRate,
            DoubleSupplier measureOffset,
            BooleanSupplier wasClockReset,
            DoubleSupplier localClock) {
        this.settings = settings;
        this.clock = new ClockOffsetCorrector(
                measureOffset,
                settings.clockSyncRefreshSeconds(),
                settings.clockSyncAlpha(),
                settings.jumpToleranceSeconds());
        this.wasClockReset = wasClockReset;
        this.localClock = localClock;
        this.jumps = new ClockJumpDetector(nominalRate, settings.jumpToleranceSeconds());
        this.dejitter = new RlsDejitter(nominalRate, settings.dejitterHalfTimeSeconds());
    }

    /**
     * Corrects {@code ts[0..n)} in place.
     *
     * @return whether the chunk contains a clock discontinuity
     */
    public boolean process(double[] ts, int n) {
        if (n == 0) {
            return false;
        }
        boolean jump = false;
        boolean reset = wasClockReset.getAsBoolean();
        if (settings.clockSync()) {
            if (reset) {
                clock.invalidate();
            }
            clock.refresh(localClock.getAsDouble());
            if (clock.takeJump()) {
                reset = true;
            }
            clock.apply(ts, n);
        }
        if (reset) {
            jump = true;
            restart(true);
        }
        for (int i = 0; i < n; i++) {
            double t = ts[i];
            if (jumps.isJump(t)) {
                jump = true;
                // beyond the tolerance this is a new clock (or lost samples): a new fit, and no monotonic floor
                // from the old clock, which would freeze time after a backward jump
                dejitter.reset();
                monotonizer.reset();
            }
            if (settings.dejitter()) {
                t = dejitter.apply(t);
            }
            if (settings.monotonize()) {
                t = monotonizer.apply(t);
            }
            ts[i] = t;
        }
        return jump;
    }

    /**
     * Restarts the fits after a known discontinuity (reconnect, gap): the next sample starts a new dejitter line.
     *
     * @param newClock also forget the monotonic floor (the new outlet's clock may be earlier)
     */
    public void restart(boolean newClock) {
        dejitter.reset();
        jumps.reset();
        if (newClock) {
            monotonizer.reset();
        }
    }

    /** The current clock offset added to remote timestamps, seconds. */
    public double clockOffset() {
        return clock.offset();
    }
}
