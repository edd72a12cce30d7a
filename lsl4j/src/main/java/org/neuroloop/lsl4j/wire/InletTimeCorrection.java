package org.neuroloop.lsl4j.wire;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neuroloop.lsl4j.LslTimeoutException;

/**
 * The time correction of one {@link WireInlet}: the last estimate of its {@link TimeCorrectionProbe} and the
 * background waves that keep it fresh.
 */
final class InletTimeCorrection {
    /** Age after which the time correction is measured again in the background (liblsl TimeUpdateInterval). */
    static final double TIME_UPDATE_INTERVAL_SECONDS = 2.0;
    /**
     * Runs the background time-correction waves of all wire inlets: daemon threads, reused, idle ones end after 60 s.
     * A wave mostly waits (~75 ms on loopback), so waves of different inlets run side by side.
     */
    private static final ExecutorService TIME_WAVES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lsl-wire-timedata");
        t.setDaemon(true);
        return t;
    });

    private final StreamEndpoint stream;
    private final TimeCorrectionProbe timeProbe;
    private volatile double correction = Double.NaN;
    private volatile long nextTimeUpdateNanos;
    private final AtomicBoolean timeUpdateRunning = new AtomicBoolean();
    private volatile boolean closed;

    InletTimeCorrection(StreamEndpoint stream) {
        this.stream = stream;
        this.timeProbe = new TimeCorrectionProbe(stream.address(), stream.servicePort());
    }

    /** The local address of the probes' socket, or null before the first measurement. */
    InetSocketAddress probeAddress() {
        return timeProbe.localAddress();
    }

    /**
     * The value to add to this stream's timestamps to express them on this host's LSL clock, seconds (about 0 for
     * an outlet on this host). The first call measures a wave of {@link TimeCorrectionProbe} probes in the caller
     * (~75 ms on loopback) within the timeout; later calls return the last estimate at once and, when it is older
     * than {@value #TIME_UPDATE_INTERVAL_SECONDS} s, start a new wave on a shared background thread pool, as liblsl's
     * time receiver measures in the background, so the pulling thread is never held up for a re-measurement.
     *
     * @throws LslTimeoutException when no estimate exists yet and the first wave got too few replies in time
     */
    double get(double timeoutSeconds) {
        double v = correction;
        if (!Double.isNaN(v)) {
            if (System.nanoTime() - nextTimeUpdateNanos >= 0) {
                updateTimeCorrectionInBackground();
            }
            return v;
        }
        double m = timeProbe.measure(WireInlet.deadline(timeoutSeconds));
        if (Double.isNaN(m)) {
            v = correction; // a concurrent caller may have succeeded
            if (!Double.isNaN(v)) {
                return v;
            }
            throw new LslTimeoutException("LSL stream " + stream.describe() + ": fewer than "
                    + TimeCorrectionProbe.MIN_PROBES + " of " + TimeCorrectionProbe.PROBE_COUNT + " time probes to UDP "
                    + stream.address().getHostAddress() + ":" + stream.servicePort() + " were answered within "
                    + timeoutSeconds + " s");
        }
        storeTimeCorrection(m);
        return m;
    }

    private void storeTimeCorrection(double value) {
        nextTimeUpdateNanos = System.nanoTime() + (long) (TIME_UPDATE_INTERVAL_SECONDS * 1e9);
        correction = value;
    }

    private void updateTimeCorrectionInBackground() {
        if (closed || !timeUpdateRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            TIME_WAVES.execute(() -> {
                try {
                    double m = timeProbe.measure(System.nanoTime() + (long) 1e9);
                    if (Double.isNaN(m)) {
                        nextTimeUpdateNanos = System.nanoTime() + (long) (TIME_UPDATE_INTERVAL_SECONDS * 1e9);
                    } else {
                        storeTimeCorrection(m);
                    }
                } finally {
                    timeUpdateRunning.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            timeUpdateRunning.set(false);
        }
    }

    /** Closes the probes' socket; no background wave starts afterwards. */
    void close() {
        closed = true;
        timeProbe.close();
    }
}
