package org.neuroloop.ingest.replay;

import java.util.function.LongSupplier;

/**
 * Maps recording time to wall-clock time for a replay: the first event's due time is anchored at the first call
 * ({@link #anchor}), and an event due at recording time {@code t} is released at
 * {@code anchor + (t - t0) / factor}. At {@link ReplaySpeed#MAX} nothing waits. The clock is injected
 * (nanoseconds, e.g. {@code System::nanoTime}, which is CLOCK_MONOTONIC = LSL's clock on Linux), so tests need no
 * sleeping.
 */
public final class ReplayPacer {
    private final ReplaySpeed speed;
    private final LongSupplier nanoClock;
    private long anchorNanos;
    private double anchorTime = Double.NaN;

    public ReplayPacer(ReplaySpeed speed, LongSupplier nanoClock) {
        this.speed = speed;
        this.nanoClock = nanoClock;
    }

    public ReplaySpeed speed() {
        return speed;
    }

    /** Anchors recording time {@code t0} at the current clock reading (done by the first {@link #nanosUntil}). */
    public void anchor(double t0) {
        anchorTime = t0;
        anchorNanos = nanoClock.getAsLong();
    }

    public boolean anchored() {
        return !Double.isNaN(anchorTime);
    }

    /**
     * Nanoseconds to wait before releasing an event due at recording time {@code t} (0 or less: release now).
     * The first call anchors the replay at {@code t}.
     */
    public long nanosUntil(double t) {
        if (!anchored()) {
            anchor(t);
        }
        if (speed.isMax()) {
            return 0;
        }
        long releaseAt = anchorNanos + (long) ((t - anchorTime) / speed.factor() * 1e9);
        return releaseAt - nanoClock.getAsLong();
    }

    /** Clock reading (ns) at which recording time {@code t} is released; anchors at {@code t} if not anchored. */
    public long releaseNanos(double t) {
        if (!anchored()) {
            anchor(t);
        }
        return speed.isMax() ? anchorNanos : anchorNanos + (long) ((t - anchorTime) / speed.factor() * 1e9);
    }
}
