package org.neuroloop.dsp.filter;

import java.util.Arrays;
import org.neuroloop.dsp.quality.Finite;
import org.neuroloop.dsp.record.Chunk;

/**
 * Streaming multichannel second-order-section filter with carried state, equal to {@code scipy.signal.sosfilt}
 * applied to each channel, chunk after chunk, with {@code zi} passed on.
 *
 * <p>Each section runs transposed direct form II, per channel c and sample x:
 * <pre>
 *   y     = b0 x + z0[c]
 *   z0[c] = b1 x - a1 y + z1[c]
 *   z1[c] = b2 x - a2 y
 * </pre>
 * Input is interleaved like {@link Chunk}: {@code samples[i * channels + c]}. The loops run section-outer,
 * sample, channel-inner over per-channel state so the JIT vectorises across channels; data is filtered in
 * place and the hot path allocates nothing. Because every sample sees the same operations in the same order,
 * filtering in chunks of any size gives bitwise the output of one call.
 *
 * <p>State layout (for snapshots, e.g. Flink keyed state): {@code state[(2 s + k) * channels + c]} is
 * {@code zi[s][k]} of channel {@code c}, length {@code 2 * sections * channels}. Not thread-safe: one instance
 * per stream.
 */
public final class SosFilter {

    private final IirFilter design;
    private final int channels;
    private final int sections;
    /** Per section: b0, b1, b2, a1, a2. */
    private final double[] coef;

    private final double[] state;
    private final double[] backup;

    private SosFilter(IirFilter design, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("SOS filter needs >= 1 channel, got " + channels);
        }
        this.design = design;
        this.channels = channels;
        this.sections = design.sectionCount();
        this.coef = new double[5 * sections];
        for (int s = 0; s < sections; s++) {
            coef[5 * s] = design.coefficient(s, 0);
            coef[5 * s + 1] = design.coefficient(s, 1);
            coef[5 * s + 2] = design.coefficient(s, 2);
            coef[5 * s + 3] = design.coefficient(s, 4);
            coef[5 * s + 4] = design.coefficient(s, 5);
        }
        this.state = new double[2 * sections * channels];
        this.backup = new double[state.length];
    }

    /** A filter for {@code channels} channels starting from zero state (scipy's default {@code zi = 0}). */
    public static SosFilter zeroState(IirFilter design, int channels) {
        return new SosFilter(design, channels);
    }

    /**
     * A filter starting in the steady state of a step of height {@code firstSample[c]} on each channel:
     * {@code zi = sosfilt_zi(sos) * x[0]}, which suppresses the start-up transient.
     *
     * @param firstSample the first sample of every channel (length = channel count)
     */
    public static SosFilter steadyState(IirFilter design, double[] firstSample) {
        SosFilter f = new SosFilter(design, firstSample.length);
        f.resetToSteadyState(firstSample);
        return f;
    }

    /**
     * Steady-state initial conditions of the cascade for a unit step, {@code scipy.signal.sosfilt_zi}:
     * per section {@code lfilter_zi(b, a)} scaled by the DC gain of the sections before it.
     *
     * @return {@code sections x 2}
     */
    public static double[][] steadyStateZi(IirFilter design) {
        int n = design.sectionCount();
        double[][] zi = new double[n][2];
        double scale = 1.0;
        for (int s = 0; s < n; s++) {
            double b0 = design.coefficient(s, 0);
            double b1 = design.coefficient(s, 1);
            double b2 = design.coefficient(s, 2);
            double a1 = design.coefficient(s, 4);
            double a2 = design.coefficient(s, 5);
            // lfilter_zi: solve (I - companion(a)^T) zi = b[1:] - a[1:] b0, i.e.
            // (1 + a1) z0 - z1 = B0 and a2 z0 + z1 = B1.
            double bb0 = b1 - a1 * b0;
            double bb1 = b2 - a2 * b0;
            double z0 = (bb0 + bb1) / (1 + a1 + a2);
            double z1 = bb1 - a2 * z0;
            zi[s][0] = scale * z0;
            zi[s][1] = scale * z1;
            scale *= (b0 + b1 + b2) / (1 + a1 + a2);
        }
        return zi;
    }

    /** Sets all state to zero. */
    public void resetToZero() {
        Arrays.fill(state, 0.0);
    }

    /** Sets the state to {@code sosfilt_zi(sos) * firstSample[c]} per channel. */
    public void resetToSteadyState(double[] firstSample) {
        if (firstSample.length != channels) {
            throw new IllegalArgumentException("steady-state init: got " + firstSample.length
                    + " first-sample values for " + channels + " channels");
        }
        for (int c = 0; c < channels; c++) {
            if (!Double.isFinite(firstSample[c])) {
                throw new IllegalArgumentException(
                        "steady-state init: first sample of channel " + c + " is not finite: " + firstSample[c]);
            }
        }
        double[][] zi = steadyStateZi(design);
        for (int s = 0; s < sections; s++) {
            for (int k = 0; k < 2; k++) {
                int off = (2 * s + k) * channels;
                for (int c = 0; c < channels; c++) {
                    state[off + c] = zi[s][k] * firstSample[c];
                }
            }
        }
    }

    /**
     * Filters {@code samples.length / channels} interleaved samples in place and carries the state on.
     *
     * @throws IllegalArgumentException if the length is not a multiple of the channel count, or the block
     *     contains NaN/Inf (then the state is left as it was before the call and the block's contents are undefined)
     */
    public void processInPlace(double[] samples) {
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException("interleaved block of length " + samples.length
                    + " is not a multiple of the channel count " + channels);
        }
        int n = samples.length / channels;
        if (n == 0) {
            return;
        }
        System.arraycopy(state, 0, backup, 0, state.length);
        run(samples, n, state);
        if (!Finite.all(state)) {
            System.arraycopy(backup, 0, state, 0, state.length);
            throw new IllegalArgumentException(describeNonFinite(samples));
        }
    }

    /**
     * Filters {@code samples} in place with {@code carried} as the state (layout of {@link #state()}), updating it;
     * this filter's own state is neither read nor changed, so one filter serves many streams whose states are kept
     * elsewhere (Flink keyed state). Nothing is copied: the caller checks the block is finite beforehand.
     *
     * @return false if the carried state is no longer finite (an input beyond the double range overflowed, or the
     *     caller passed NaN/Inf): then both arrays are undefined and the stream must restart from an initial state
     * @throws IllegalArgumentException if the block is not a multiple of the channel count or the state has the
     *     wrong length
     */
    public boolean processInPlace(double[] samples, double[] carried) {
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException("interleaved block of length " + samples.length
                    + " is not a multiple of the channel count " + channels);
        }
        if (carried.length != state.length) {
            throw new IllegalArgumentException(
                    "SOS filter " + design + " state must have length " + state.length + ", got " + carried.length);
        }
        run(samples, samples.length / channels, carried);
        return Finite.all(carried);
    }

    /** Filters a copy of the interleaved block; the input is not modified. */
    public double[] process(double[] samples) {
        double[] out = samples.clone();
        processInPlace(out);
        return out;
    }

    /** The chunk with filtered samples (a new array; chunks are never mutated). */
    public Chunk process(Chunk chunk) {
        if (chunk.channels() != channels) {
            throw new IllegalArgumentException("chunk of session " + chunk.sessionId() + " has " + chunk.channels()
                    + " channels, filter " + design + " was set up for " + channels);
        }
        return chunk.withSamples(process(chunk.samples()));
    }

    private void run(double[] x, int n, double[] st) {
        final int ch = channels;
        for (int s = 0; s < sections; s++) {
            final double b0 = coef[5 * s];
            final double b1 = coef[5 * s + 1];
            final double b2 = coef[5 * s + 2];
            final double a1 = coef[5 * s + 3];
            final double a2 = coef[5 * s + 4];
            final int z0 = 2 * s * ch;
            final int z1 = z0 + ch;
            for (int i = 0, base = 0; i < n; i++, base += ch) {
                for (int c = 0; c < ch; c++) {
                    double xi = x[base + c];
                    double y = b0 * xi + st[z0 + c];
                    st[z0 + c] = b1 * xi - a1 * y + st[z1 + c];
                    st[z1 + c] = b2 * xi - a2 * y;
                    x[base + c] = y;
                }
            }
        }
    }

    private String describeNonFinite(double[] filtered) {
        // The filtered block is already NaN from the first bad sample on; report the first bad position.
        for (int i = 0; i < filtered.length; i++) {
            if (!Double.isFinite(filtered[i])) {
                return "SOS filter " + design + ": non-finite input at sample " + (i / channels) + ", channel "
                        + (i % channels) + " (NaN/Inf would poison the filter state; state left unchanged)";
            }
        }
        return "SOS filter " + design + ": non-finite input (state left unchanged)";
    }

    /** A copy of the state, layout {@code [(2 s + k) * channels + c]}. */
    public double[] state() {
        return state.clone();
    }

    /** Copies the state into {@code dest} (length {@link #stateLength()}) without allocating. */
    public void copyStateTo(double[] dest) {
        if (dest.length != state.length) {
            throw new IllegalArgumentException("state buffer length " + dest.length + ", expected " + state.length);
        }
        System.arraycopy(state, 0, dest, 0, state.length);
    }

    /** Copies the state into {@code dest[offset .. offset + stateLength())} without allocating. */
    public void copyStateTo(double[] dest, int offset) {
        System.arraycopy(state, 0, dest, offset, state.length);
    }

    /** Restores a state stored by {@link #copyStateTo(double[], int)} at {@code offset}, without allocating. */
    public void setState(double[] saved, int offset) {
        if (offset < 0 || offset + state.length > saved.length) {
            throw new IllegalArgumentException("SOS filter " + design + " state of length " + state.length
                    + " does not fit at offset " + offset + " of " + saved.length + " values");
        }
        if (!Finite.all(saved, offset, offset + state.length)) {
            throw new IllegalArgumentException("SOS filter " + design + " state contains NaN/Inf");
        }
        System.arraycopy(saved, offset, state, 0, state.length);
    }

    /** Restores a state taken with {@link #state()} (e.g. from a checkpoint). */
    public void setState(double[] newState) {
        if (newState.length != state.length) {
            throw new IllegalArgumentException("SOS filter " + design + " state must have length 2 x " + sections
                    + " sections x " + channels + " channels = " + state.length + ", got " + newState.length);
        }
        if (!Finite.all(newState)) {
            throw new IllegalArgumentException("SOS filter " + design + " state contains NaN/Inf");
        }
        System.arraycopy(newState, 0, state, 0, state.length);
    }

    public int stateLength() {
        return state.length;
    }

    public IirFilter design() {
        return design;
    }

    public int channels() {
        return channels;
    }

    @Override
    public String toString() {
        return design + " x " + channels + " channels";
    }
}
