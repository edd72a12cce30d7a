package org.neuroloop.ingest.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.StreamMeta;
import org.neuroloop.ingest.synthetic.PlantedEvent.MotorImageryCue;
import org.neuroloop.ingest.synthetic.PlantedEvent.SlowOscillation;
import org.neuroloop.ingest.synthetic.PlantedEvent.Spindle;
import org.slf4j.LoggerFactory;

/**
 * Deterministic synthetic multichannel EEG with planted, known events, as interleaved {@link Chunk}s.
 *
 * <p>Each channel {@code c} at time {@code t} is a sum of sources spread over the scalp by
 * {@link Montage1020#weight} (Gaussian fall-off with grid distance from the source electrode):
 * <pre>
 *   x_c(t) = background * pink_c(t) + noise * white_c(t) + w_POz(c) alpha(t)
 *          + w_C3(c) g_left(t) (mu_L(t) + beta_L(t)) + w_C4(c) g_right(t) (mu_R(t) + beta_R(t))
 *          + w_Cz(c) spindles(t) + w_Fz(c) slowOscillations(t)
 * </pre>
 * pink = independent unit-variance 1/f noise per channel ({@link PinkNoise}); white = Gaussian draws of
 * {@link TableGaussian}; alpha/mu/beta = fluctuating
 * rhythms ({@link RhythmOscillator}); {@code g} = motor-imagery gain: during a LEFT cue the right hemisphere
 * (C4) loses {@code erdFraction} of its mu/beta power and the left gains {@code ersFraction}, and vice versa,
 * 0.3 s after the cue with 0.5 s raised-cosine ramps; spindles and slow oscillations follow
 * {@link PlantedEvent.Spindle} and {@link PlantedEvent.SlowOscillation}.
 *
 * <p>Every sample draws the same number of random numbers in the same order, so the data depend only on the
 * config (not on how it is chunked), and {@link #skip} reproduces a position exactly (used to restore a
 * checkpointed source). Units are µV. Not thread-safe.
 */
public final class SyntheticEeg implements SyntheticChunks {

    public static final String SPINDLE_ONSET = "spindle_onset";
    public static final String SPINDLE_OFFSET = "spindle_offset";
    public static final String SO_ONSET = "so_onset";
    public static final String SO_TROUGH = "so_trough";
    public static final String SO_PEAK = "so_peak";

    /** Delay from cue to the start of the ERD/ERS, seconds. */
    static final double ERD_LATENCY = 0.3;
    /** Raised-cosine ramp of the ERD/ERS, seconds. */
    static final double ERD_RAMP = 0.5;
    /** Gaussian spread (grid units) of each source. */
    static final double SIGMA_MOTOR = 1.0;

    static final double SIGMA_ALPHA = 1.5;
    static final double SIGMA_SLEEP = 2.0;

    private final SyntheticEegConfig config;
    private final double startTime;
    private final int channels;
    private final double rate;
    private final long total;
    private final SignalLevels levels;
    private final TableGaussian rnd;
    private final PinkNoise pink;
    private final RhythmOscillator alpha;
    private final RhythmOscillator muLeft;
    private final RhythmOscillator muRight;
    private final RhythmOscillator betaLeft;
    private final RhythmOscillator betaRight;
    private final double[] wAlpha;
    private final double[] wLeft;
    private final double[] wRight;
    private final double[] wSpindle;
    private final double[] wSlow;
    private final double[] pinkRow;
    /** The sensor noise's Gaussian draws of one sample. */
    private final double[] whiteRow;

    private final List<PlantedEvent> events;
    private final List<PlantedEvent> active = new ArrayList<>();
    private int nextEvent;
    /** Earliest time at which {@link #active} can change: the next start or the earliest end of an active event. */
    private double nextChange = Double.NEGATIVE_INFINITY;

    private long position;

    /**
     * @throws IllegalArgumentException if the config's start time is NaN (resolve "now" first with
     *     {@link SyntheticEegConfig#withStartTime}), or if it plays a loop ({@link SyntheticChunks#open} does)
     */
    public SyntheticEeg(SyntheticEegConfig config) {
        if (config.looped()) {
            throw new IllegalArgumentException("synthetic EEG " + config.sessionId() + " plays a loop of "
                    + config.loopSeconds() + " s: open it with SyntheticChunks.open");
        }
        if (Double.isNaN(config.startTime())) {
            throw new IllegalArgumentException("synthetic EEG " + config.sessionId()
                    + ": start time is NaN (= now); resolve it with config.withStartTime(clock) before generating");
        }
        this.config = config;
        this.startTime = config.startTime();
        this.channels = config.channelCount();
        this.rate = config.rate();
        this.total = config.totalSamples();
        this.levels = config.levels();
        this.rnd = new TableGaussian(config.seed());
        this.pink = new PinkNoise(channels);
        this.alpha =
                new RhythmOscillator(Math.min(levels.alphaHz(), 0.45 * rate), rate, rnd.nextDouble() * 2 * Math.PI);
        this.muLeft = new RhythmOscillator(Math.min(levels.muHz(), 0.45 * rate), rate, rnd.nextDouble() * 2 * Math.PI);
        this.muRight = new RhythmOscillator(Math.min(levels.muHz(), 0.45 * rate), rate, rnd.nextDouble() * 2 * Math.PI);
        this.betaLeft =
                new RhythmOscillator(Math.min(levels.betaHz(), 0.45 * rate), rate, rnd.nextDouble() * 2 * Math.PI);
        this.betaRight =
                new RhythmOscillator(Math.min(levels.betaHz(), 0.45 * rate), rate, rnd.nextDouble() * 2 * Math.PI);
        if (Math.max(levels.betaHz(), Math.max(levels.muHz(), levels.alphaHz())) > 0.45 * rate) {
            LoggerFactory.getLogger(SyntheticEeg.class)
                    .warn(
                            "synthetic EEG {}: rhythm frequencies above 0.45 x rate {} Hz are clamped",
                            config.sessionId(),
                            rate);
        }
        List<String> labels = config.channelLabels();
        ScalpWeights w = ScalpWeights.of(labels);
        this.wAlpha = w.alpha;
        this.wLeft = w.left;
        this.wRight = w.right;
        this.wSpindle = w.spindle;
        this.wSlow = w.slow;
        this.pinkRow = new double[channels];
        this.whiteRow = new double[channels];
        List<PlantedEvent> sorted = new ArrayList<>(config.schedule().events());
        sorted.sort(Comparator.comparingDouble(SyntheticEeg::effectStart));
        this.events = Collections.unmodifiableList(sorted);
        // Let the 1/f filter reach its stationary variance before sample 0 (its slowest pole decays over ~1000
        // samples).
        double[] scratch = new double[channels];
        for (int i = 0; i < 4000; i++) {
            pink.next(rnd, scratch);
        }
    }

    private static double effectStart(PlantedEvent e) {
        return e.onset();
    }

    private static double effectEnd(PlantedEvent e) {
        return e instanceof MotorImageryCue ? e.end() + ERD_RAMP : e.end();
    }

    public SyntheticEegConfig config() {
        return config;
    }

    /** Stream description: labels, µV units, rate. */
    public StreamMeta meta() {
        List<String> units = Collections.nCopies(channels, "uV");
        return new StreamMeta(
                config.sessionId(),
                "NeuroLoop synthetic EEG",
                "EEG",
                "synthetic:" + config.sessionId(),
                config.channelLabels(),
                units,
                rate);
    }

    /** Index of the next sample to generate. */
    @Override
    public long position() {
        return position;
    }

    /** LSL-clock time of sample {@code index}: {@code startTime + index / rate}. */
    @Override
    public double timeOf(long index) {
        return startTime + index / rate;
    }

    @Override
    public boolean hasNext() {
        return position < total;
    }

    /** The next chunk of {@code chunkSize} samples (fewer at the end of a bounded recording, flagged END_OF_STREAM). */
    @Override
    public Chunk next() {
        return next(config.chunkSize());
    }

    /** The next chunk of up to {@code n} samples. */
    public Chunk next(int n) {
        if (!hasNext()) {
            throw new NoSuchElementException(
                    "synthetic EEG " + config.sessionId() + " ended after " + total + " samples");
        }
        if (n < 1) {
            throw new IllegalArgumentException("chunk length must be >= 1, got " + n);
        }
        int len = (int) Math.min(n, total - position);
        long first = position;
        double[] stamps = new double[len];
        double[] samples = new double[len * channels];
        for (int i = 0; i < len; i++) {
            stamps[i] = timeOf(first + i);
            generate(samples, i * channels);
        }
        int flags = position >= total ? ChunkFlags.END_OF_STREAM : 0;
        return new Chunk(config.sessionId(), first, stamps, samples, channels, rate, flags);
    }

    /** Advances {@code samples} samples without returning them, exactly as if they had been generated. */
    @Override
    public void skip(long samples) {
        double[] row = new double[channels];
        long end = Math.min(total, position + samples);
        while (position < end) {
            generate(row, 0);
        }
    }

    /** Writes the sample at {@link #position} into {@code out[offset .. offset+channels)} and advances. */
    private void generate(double[] out, int offset) {
        double t = position / rate;
        updateActive(t);
        pink.next(rnd, pinkRow);
        double a = alpha.next(rnd) * levels.alphaUv();
        double left = muLeft.next(rnd) * levels.muUv() + betaLeft.next(rnd) * levels.betaUv();
        double right = muRight.next(rnd) * levels.muUv() + betaRight.next(rnd) * levels.betaUv();
        double gainLeft = 1;
        double gainRight = 1;
        double spindle = 0;
        double slow = 0;
        for (int k = 0; k < active.size(); k++) {
            PlantedEvent e = active.get(k);
            if (e instanceof MotorImageryCue cue && cue.side() != ImagerySide.REST) {
                double r = erdShape(t, cue);
                double drop = Math.sqrt(Math.max(0, 1 - levels.erdFraction() * r));
                double rise = Math.sqrt(1 + levels.ersFraction() * r);
                if (cue.side() == ImagerySide.LEFT) { // left hand: right hemisphere desynchronises
                    gainRight *= drop;
                    gainLeft *= rise;
                } else {
                    gainLeft *= drop;
                    gainRight *= rise;
                }
            } else if (e instanceof Spindle s && t >= s.onset() && t < s.end()) {
                double env = spindleEnvelope((t - s.onset()) / s.duration());
                spindle += s.amplitudeUv() * env * Math.sin(2 * Math.PI * s.frequencyHz() * (t - s.onset()));
            } else if (e instanceof SlowOscillation so && t >= so.onset() && t < so.end()) {
                double tau = t - so.onset();
                double wave = Math.sin(2 * Math.PI * so.frequencyHz() * tau);
                slow += -so.amplitudeUv() * wave * (tau < 0.5 / so.frequencyHz() ? 1.0 : 0.4);
            }
        }
        left *= gainLeft;
        right *= gainRight;
        double bg = levels.backgroundUv();
        double noise = levels.sensorNoiseUv();
        // the draws first, then one branch-free loop over the channels that the JIT vectorises
        rnd.nextGaussians(whiteRow, 0, channels);
        for (int c = 0; c < channels; c++) {
            out[offset + c] = bg * pinkRow[c]
                    + noise * whiteRow[c]
                    + wAlpha[c] * a
                    + wLeft[c] * left
                    + wRight[c] * right
                    + wSpindle[c] * spindle
                    + wSlow[c] * slow;
        }
        position++;
    }

    /**
     * Spindle amplitude envelope over its duration ({@code u} in [0, 1)): a Tukey window with 25 % cosine tapers
     * at each end, so the spindle is at full amplitude for the middle half and above half amplitude for 75 % of its
     * duration, close to the visible duration an expert or a threshold detector would mark.
     */
    static double spindleEnvelope(double u) {
        if (u < 0.25) {
            return 0.5 - 0.5 * Math.cos(Math.PI * u / 0.25);
        }
        if (u > 0.75) {
            return 0.5 - 0.5 * Math.cos(Math.PI * (1 - u) / 0.25);
        }
        return 1;
    }

    /** 0 before the cue's effect, raised-cosine up to 1, 1 until the cue ends, raised-cosine down to 0. */
    static double erdShape(double t, MotorImageryCue cue) {
        double on = cue.onset() + ERD_LATENCY;
        double off = cue.end();
        if (t < on || t >= off + ERD_RAMP) {
            return 0;
        }
        if (t < on + ERD_RAMP) {
            return 0.5 - 0.5 * Math.cos(Math.PI * (t - on) / ERD_RAMP);
        }
        if (t < off) {
            return 1;
        }
        return 0.5 + 0.5 * Math.cos(Math.PI * (t - off) / ERD_RAMP);
    }

    private void updateActive(double t) {
        if (t < nextChange) {
            return; // no event starts and none ends before nextChange
        }
        while (nextEvent < events.size() && effectStart(events.get(nextEvent)) <= t) {
            active.add(events.get(nextEvent++));
        }
        double change = nextEvent < events.size() ? effectStart(events.get(nextEvent)) : Double.POSITIVE_INFINITY;
        for (int k = active.size() - 1; k >= 0; k--) {
            double end = effectEnd(active.get(k));
            if (end < t) {
                active.remove(k);
            } else {
                change = Math.min(change, end);
            }
        }
        nextChange = change;
    }

    /**
     * The ground truth as markers on the LSL clock, sorted by time: each cue's label (with its duration),
     * {@value #SPINDLE_ONSET} (duration = spindle length) and {@value #SPINDLE_OFFSET}, and for each slow
     * oscillation {@value #SO_ONSET} (duration = one period), {@value #SO_TROUGH} and {@value #SO_PEAK}.
     * Events starting after the end of a bounded recording are left out.
     */
    public List<Marker> truthMarkers() {
        return truthMarkers(config, startTime);
    }

    /**
     * {@link #truthMarkers()} for a config whose start time is {@code startTime}; for a looped config those of
     * {@link LoopedEeg#truthMarkers}.
     */
    public static List<Marker> truthMarkers(SyntheticEegConfig config, double startTime) {
        if (config.looped()) {
            return LoopedEeg.truthMarkers(config, startTime);
        }
        String sid = config.sessionId();
        double limit = config.durationS();
        List<Marker> out = new ArrayList<>();
        for (PlantedEvent e : config.schedule().events()) {
            if (e.onset() >= limit) {
                continue;
            }
            double t0 = startTime + e.onset();
            if (e instanceof MotorImageryCue cue) {
                out.add(new Marker(sid, t0, cue.label(), cue.duration()));
            } else if (e instanceof Spindle s) {
                out.add(new Marker(sid, t0, SPINDLE_ONSET, s.duration()));
                out.add(new Marker(sid, startTime + s.end(), SPINDLE_OFFSET, 0));
            } else if (e instanceof SlowOscillation so) {
                out.add(new Marker(sid, t0, SO_ONSET, 1 / so.frequencyHz()));
                out.add(new Marker(sid, startTime + so.trough(), SO_TROUGH, 0));
                out.add(new Marker(sid, startTime + so.peak(), SO_PEAK, 0));
            }
        }
        out.sort(Comparator.comparingDouble(Marker::timestamp));
        return out;
    }
}
