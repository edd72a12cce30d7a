package org.neuroloop.classifiers.detect;

import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Chunk;

/**
 * A causal threshold detector with hysteresis on chosen channels: per sample, the measure (the largest rectified
 * amplitude of the channels, or their mean band power: band-pass, square, exponential smoothing) is compared with
 * {@link ThresholdParameters#on()}; the detector fires on the first sample at or above it and re-arms only once
 * the measure falls below {@link ThresholdParameters#off()}, so one burst gives one event.
 *
 * <p>Samples of a bad chunk are skipped (nothing fires on them, the band-pass does not see them). Not thread-safe;
 * its state ({@link SavedState}) is kept per session by the caller. {@link #scan} allocates nothing.
 */
public final class ThresholdDetector implements SavedState {

    /** Receives each crossing. */
    @FunctionalInterface
    public interface Listener {
        /** The measure reached the threshold at {@code time} (the sample's timestamp) with {@code value}. */
        void onCrossing(double time, double value);
    }

    private final ThresholdParameters p;
    private final int[] channels;
    private final SosFilter band;
    private final double alpha;
    private final double[] filterState;
    private double[] scratch = new double[0];
    private double power;
    private boolean above;

    /**
     * @param channels indices of the channels to watch
     * @param fs sampling rate, Hz
     */
    public ThresholdDetector(ThresholdParameters p, int[] channels, double fs) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("threshold detector needs at least one channel");
        }
        this.p = p;
        this.channels = channels.clone();
        if (p.measure() == ThresholdParameters.Measure.BANDPOWER) {
            if (!(p.highHz() < fs / 2)) {
                throw new IllegalArgumentException(
                        "band " + p.lowHz() + "-" + p.highHz() + " Hz reaches the Nyquist frequency of " + fs + " Hz");
            }
            band = SosFilter.zeroState(Butterworth.bandpass(p.order(), p.lowHz(), p.highHz(), fs), channels.length);
            filterState = new double[band.stateLength()];
        } else {
            band = null;
            filterState = new double[0];
        }
        alpha = 1 - Math.exp(-1 / (fs * p.smoothingSeconds()));
    }

    /**
     * Scans one chunk.
     *
     * @param bad true when the chunk carries a bad-data flag
     * @throws IllegalArgumentException if the chunk lacks a watched channel
     */
    public void scan(Chunk chunk, boolean bad, Listener listener) {
        int stride = chunk.channels();
        for (int c : channels) {
            if (c >= stride) {
                throw new IllegalArgumentException("threshold detector on channel " + c + ": session "
                        + chunk.sessionId() + " has " + stride + " channels");
            }
        }
        if (bad) {
            return;
        }
        int n = chunk.length();
        double[] x = chunk.samples();
        double[] ts = chunk.timestamps();
        if (band == null) {
            for (int i = 0; i < n; i++) {
                double a = 0;
                for (int c : channels) {
                    a = Math.max(a, Math.abs(x[i * stride + c]));
                }
                step(a, ts[i], listener);
            }
            return;
        }
        int k = channels.length;
        if (scratch.length != n * k) {
            scratch = new double[n * k]; // once per chunk size: a steady stream keeps its size
        }
        double[] y = scratch;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                y[i * k + j] = x[i * stride + channels[j]];
            }
        }
        band.processInPlace(y);
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < k; j++) {
                double v = y[i * k + j];
                sq += v * v;
            }
            power += alpha * (sq / k - power);
            step(power, ts[i], listener);
        }
    }

    private void step(double value, double time, Listener listener) {
        if (above) {
            above = !(value < p.off());
        } else if (value >= p.on()) {
            above = true;
            listener.onCrossing(time, value);
        }
    }

    @Override
    public int stateSize() {
        return filterState.length + 2;
    }

    @Override
    public void saveState(double[] into) {
        if (band != null) {
            band.copyStateTo(filterState);
            System.arraycopy(filterState, 0, into, 0, filterState.length);
        }
        into[filterState.length] = power;
        into[filterState.length + 1] = above ? 1 : 0;
    }

    @Override
    public void loadState(double[] from) {
        if (from.length != stateSize()) {
            throw new IllegalArgumentException("threshold detector state has length " + from.length + ", expected "
                    + stateSize() + " (parameters or sampling rate changed?)");
        }
        if (band != null) {
            System.arraycopy(from, 0, filterState, 0, filterState.length);
            band.setState(filterState);
        }
        power = from[filterState.length];
        above = from[filterState.length + 1] != 0;
    }
}
