package org.neuroloop.classifiers.sleep;

import java.util.Arrays;
import java.util.function.Consumer;
import org.neuroloop.classifiers.detect.SavedState;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.IirFilter;
import org.neuroloop.dsp.filter.SosFilter;

/**
 * Causal slow-oscillation detector and up-state targeter for one channel.
 *
 * <p>Per sample: a causal 0.5–4 Hz band-pass feeds a negative half-wave detector (downward zero crossing, trough,
 * upward zero crossing); a half-wave of the right duration and depth ({@link SlowOscillationParameters}) arms the
 * targeter and is reported. While armed (at most {@code waitSeconds}), the endpoint-corrected Hilbert phase of the
 * raw signal's last {@code phaseWindowSeconds} is computed every sample; it stimulates when the phase reaches the
 * target (crossing from below within a quarter cycle), or, with a lead time, when the phase extrapolated at the
 * half-wave's frequency says the target is at most {@code leadSeconds} away, and then disarms; if the ecHT amplitude
 * is below {@code minAmplitudeMicrovolts} at that moment it disarms without stimulating. On arming it also
 * predicts the target time by extrapolation, {@code t + ((target - φ) mod 2π) / (2π f)}.
 *
 * <p>Phase calibration: the endpoint estimate {@code z_end} differs from the offline reference (zero-phase band-pass +
 * Hilbert) by the phase of the causal filter response weighted by the signal's spectrum, which is not known in
 * advance (it leads when the slow-oscillation energy lies below the band centre). Every sample the targeter also
 * computes the centred zero-phase estimate {@code z_mid} of the sample {@code D = N - 1 - N/2} samples back (far from
 * the window edges, so close to the reference), pairs it with the endpoint estimate made when that sample was the
 * newest, and keeps {@code C ← λ C + z_end(t - D) conj(z_mid(t - D))} with {@code λ = exp(-1 / (τ fs))},
 * τ = {@code calibrationSeconds}. The phase used for targeting is {@code arg z_end - arg C}: only past samples are
 * used, so the decision stays causal. The weights {@code |z|²} let the large waves that are targeted dominate.
 *
 * <p>Phase convention: 0 rad is the positive peak (up-state), ±π the trough (down-state). Not thread-safe.
 */
public final class SlowOscillationTargeter implements SavedState {
    private final SlowOscillationParameters p;
    private final double fs;
    private final double target;
    private final SosFilter band;
    private final EndpointCorrectedHilbert echt;
    private final EndpointCorrectedHilbert centred;
    private final double forget;
    private final double[] pastRe;
    private final double[] pastIm;
    private int pastPos;
    private double calRe;
    private double calIm;
    private double offset;
    private final double[] ring;
    private final double[] one = new double[1];
    private final double[] z = new double[2];
    private int ringPos;
    private long seen;
    private double last = Double.NaN;
    private double downTime = Double.NaN;
    private double troughTime;
    private double troughValue;
    private NegativeHalfWave armedBy;
    private double armedUntil;
    private double predicted;

    /**
     * @param targetRad target phase in radians (0 = up-state peak)
     */
    public SlowOscillationTargeter(SlowOscillationParameters p, double fs, double targetRad) {
        if (!(fs > 2 * p.detectHighHz())) {
            throw new IllegalArgumentException("sampling rate " + fs + " Hz is too low for the " + p.detectLowHz() + "-"
                    + p.detectHighHz() + " Hz slow-oscillation band");
        }
        this.p = p;
        this.fs = fs;
        this.target = targetRad;
        this.band = SosFilter.zeroState(Butterworth.bandpass(2, p.detectLowHz(), p.detectHighHz(), fs), 1);
        IirFilter phaseFilter = Butterworth.bandpass(2, p.phaseLowHz(), p.phaseHighHz(), fs);
        int n = Math.max(4, (int) Math.round(p.phaseWindowSeconds() * fs));
        this.echt = new EndpointCorrectedHilbert(phaseFilter, n);
        this.centred = EndpointCorrectedHilbert.centred(phaseFilter, n);
        this.pastRe = new double[n - 1 - n / 2];
        this.pastIm = new double[n - 1 - n / 2];
        this.forget = Math.exp(-1 / (p.calibrationSeconds() * fs));
        this.ring = new double[n];
    }

    /**
     * Processes one sample.
     *
     * @param halfWaves receives every qualifying negative half-wave (may be null)
     * @param targets receives stimulation decisions
     */
    public void step(double value, double time, Consumer<NegativeHalfWave> halfWaves, Consumer<PhaseTarget> targets) {
        boolean bad = !Double.isFinite(value);
        double v = bad ? 0 : value;
        ring[ringPos] = v;
        ringPos = ringPos + 1 == ring.length ? 0 : ringPos + 1;
        seen++;
        one[0] = v;
        band.processInPlace(one);
        double y = one[0];
        if (seen >= ring.length) {
            calibrate(bad);
        }
        if (bad) {
            // a gap: forget the half-wave in progress and any armed target
            downTime = Double.NaN;
            armedBy = null;
        } else if (!Double.isNaN(last)) {
            if (last >= 0 && y < 0) {
                downTime = time;
                troughValue = y;
                troughTime = time;
            } else if (y < 0 && !Double.isNaN(downTime)) {
                if (y < troughValue) {
                    troughValue = y;
                    troughTime = time;
                }
            } else if (last < 0 && y >= 0 && !Double.isNaN(downTime)) {
                NegativeHalfWave hw = new NegativeHalfWave(downTime, troughTime, troughValue, time);
                downTime = Double.NaN;
                if (hw.duration() >= p.minHalfWaveSeconds()
                        && hw.duration() <= p.maxHalfWaveSeconds()
                        && hw.troughValue() <= -p.troughMicrovolts()
                        && seen >= ring.length) {
                    if (halfWaves != null) {
                        halfWaves.accept(hw);
                    }
                    armedBy = hw;
                    armedUntil = time + p.waitSeconds();
                    double phi = wrap(Math.atan2(z[1], z[0]) - offset);
                    predicted = time + ahead(phi, hw.frequency());
                }
            }
        }
        last = y;
        if (armedBy != null) {
            if (time > armedUntil) {
                armedBy = null;
            } else {
                double phi = wrap(Math.atan2(z[1], z[0]) - offset);
                double d = wrap(phi - target);
                double dt = ahead(phi, armedBy.frequency());
                boolean crossed = d >= 0 && d < Math.PI / 2;
                if (crossed || (p.leadSeconds() > 0 && dt <= p.leadSeconds())) {
                    // a phase is only trusted on a large oscillation: below the amplitude the wave is skipped
                    if (Math.hypot(z[0], z[1]) >= p.minAmplitudeMicrovolts()) {
                        targets.accept(new PhaseTarget(time, crossed ? time : time + dt, phi, predicted, armedBy));
                    }
                    armedBy = null;
                }
            }
        }
    }

    /**
     * Computes the endpoint estimate into {@code z} and updates the running phase offset against the centred estimate
     * of {@code D} samples back (see the class comment). Two dot products of length N, no allocation. At a gap sample
     * the pairing still advances (with a zero endpoint value) so later pairs stay aligned.
     */
    private void calibrate(boolean gap) {
        if (gap) {
            pastRe[pastPos] = 0;
            pastIm[pastPos] = 0;
            pastPos = pastPos + 1 == pastRe.length ? 0 : pastPos + 1;
            return;
        }
        double oldRe = pastRe[pastPos], oldIm = pastIm[pastPos];
        if (seen >= ring.length + pastRe.length) {
            centred.analytic(ring, ringPos, z);
            calRe = forget * calRe + oldRe * z[0] + oldIm * z[1];
            calIm = forget * calIm + oldIm * z[0] - oldRe * z[1];
            offset = Math.atan2(calIm, calRe);
        }
        echt.analytic(ring, ringPos, z);
        pastRe[pastPos] = z[0];
        pastIm[pastPos] = z[1];
        pastPos = pastPos + 1 == pastRe.length ? 0 : pastPos + 1;
    }

    /** The current calibration offset {@code arg C} (radians) subtracted from the endpoint phase. */
    public double phaseOffset() {
        return offset;
    }

    /** Time until the phase reaches the target at frequency f, in [0, 1/f). */
    private double ahead(double phi, double f) {
        double d = target - phi;
        d = d - 2 * Math.PI * Math.floor(d / (2 * Math.PI));
        return d / (2 * Math.PI * f);
    }

    /** Wraps an angle to (-π, π]. */
    public static double wrap(double a) {
        double w = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
        return w <= -Math.PI ? w + 2 * Math.PI : w;
    }

    public double rate() {
        return fs;
    }

    /** Length of {@link #saveState()}. */
    @Override
    public int stateSize() {
        return band.stateLength() + ring.length + 2 * pastRe.length + 17;
    }

    /** The complete state (filter, phase window, calibration, half-wave in progress, armed target), for checkpoints. */
    @Override
    public void saveState(double[] a) {
        double[] f = band.state();
        System.arraycopy(f, 0, a, 0, f.length);
        int off = f.length;
        System.arraycopy(ring, 0, a, off, ring.length);
        off += ring.length;
        System.arraycopy(pastRe, 0, a, off, pastRe.length);
        off += pastRe.length;
        System.arraycopy(pastIm, 0, a, off, pastIm.length);
        off += pastIm.length;
        a[off++] = pastPos;
        a[off++] = calRe;
        a[off++] = calIm;
        a[off++] = ringPos;
        a[off++] = seen;
        a[off++] = last;
        a[off++] = downTime;
        a[off++] = troughTime;
        a[off++] = troughValue;
        a[off++] = armedBy == null ? 0 : 1;
        a[off++] = armedBy == null ? 0 : armedBy.down();
        a[off++] = armedBy == null ? 0 : armedBy.trough();
        a[off++] = armedBy == null ? 0 : armedBy.troughValue();
        a[off++] = armedBy == null ? 0 : armedBy.up();
        a[off++] = armedUntil;
        a[off++] = predicted;
        a[off] = target;
    }

    /** Restores {@link #saveState()} of a targeter with the same parameters, rate and target. */
    @Override
    public void loadState(double[] a) {
        if (a.length != stateSize()) {
            throw new IllegalArgumentException("slow-oscillation targeter state has length " + a.length + ", expected "
                    + stateSize() + " (parameters or sampling rate changed?)");
        }
        int fl = band.stateLength();
        band.setState(Arrays.copyOfRange(a, 0, fl));
        int off = fl;
        System.arraycopy(a, off, ring, 0, ring.length);
        off += ring.length;
        System.arraycopy(a, off, pastRe, 0, pastRe.length);
        off += pastRe.length;
        System.arraycopy(a, off, pastIm, 0, pastIm.length);
        off += pastIm.length;
        pastPos = (int) a[off++];
        calRe = a[off++];
        calIm = a[off++];
        offset = Math.atan2(calIm, calRe);
        ringPos = (int) a[off++];
        seen = (long) a[off++];
        last = a[off++];
        downTime = a[off++];
        troughTime = a[off++];
        troughValue = a[off++];
        boolean armed = a[off++] != 0;
        NegativeHalfWave hw = new NegativeHalfWave(a[off], a[off + 1], a[off + 2], a[off + 3]);
        off += 4;
        armedBy = armed ? hw : null;
        armedUntil = a[off++];
        predicted = a[off];
    }
}
