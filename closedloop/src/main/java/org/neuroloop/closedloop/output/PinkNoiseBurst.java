package org.neuroloop.closedloop.output;

import java.util.SplittableRandom;

/**
 * A pink-noise (1/f power) burst, the acoustic stimulus of closed-loop slow-oscillation studies, rendered once as
 * 16-bit mono PCM so that delivery is a single buffer write.
 *
 * <p>White Gaussian noise is shaped by Paul Kellet's "refined" pink filter (a sum of six one-pole sections, within
 * ±0.05 dB of a -10 dB/decade slope above 9.2 Hz at 44.1 kHz), raised-cosine on/off ramps avoid clicks, and the
 * whole burst is then scaled so its RMS equals the requested level in dBFS (0 dBFS = RMS of a full-scale square wave).
 */
public final class PinkNoiseBurst {
    /** The rate the pink filter coefficients are designed for. */
    public static final float SAMPLE_RATE = 44_100f;

    private final double seconds;
    private final double levelDbfs;
    private final double rampSeconds;
    private final double[] samples;

    /**
     * @param seconds burst length (e.g. 0.05 for the usual 50 ms), in (0, 10]
     * @param levelDbfs RMS level in dB re full scale, at most -3 dBFS so the peaks stay unclipped
     * @param rampSeconds raised-cosine ramp at each end, at most a quarter of the burst
     * @param seed noise seed (the same seed gives the same frozen noise)
     */
    public PinkNoiseBurst(double seconds, double levelDbfs, double rampSeconds, long seed) {
        if (!(seconds > 0) || seconds > 10) {
            throw new IllegalArgumentException("pink-noise burst: length must be in (0, 10] s, got " + seconds);
        }
        if (!(levelDbfs <= -3) || levelDbfs < -120) {
            throw new IllegalArgumentException("pink-noise burst: level must be in [-120, -3] dBFS, got " + levelDbfs);
        }
        if (!(rampSeconds >= 0) || rampSeconds > seconds / 4) {
            throw new IllegalArgumentException("pink-noise burst: ramp must be in [0, length/4] s, got " + rampSeconds);
        }
        this.seconds = seconds;
        this.levelDbfs = levelDbfs;
        this.rampSeconds = rampSeconds;
        this.samples = render(seconds, levelDbfs, rampSeconds, seed);
    }

    public double seconds() {
        return seconds;
    }

    public double levelDbfs() {
        return levelDbfs;
    }

    public double rampSeconds() {
        return rampSeconds;
    }

    /** Samples in [-1, 1], one per 1/{@link #SAMPLE_RATE} s (a copy). */
    public double[] samples() {
        return samples.clone();
    }

    /** The burst as signed 16-bit little-endian mono PCM. */
    public byte[] pcm16le() {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = (int) Math.round(Math.max(-1.0, Math.min(1.0, samples[i])) * 32767.0);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        return pcm;
    }

    private static double[] render(double seconds, double levelDbfs, double rampSeconds, long seed) {
        int n = (int) Math.round(seconds * SAMPLE_RATE);
        double[] x = new double[n];
        SplittableRandom rng = new SplittableRandom(seed);
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        // Let the slowest section (pole 0.99886, ~880 samples) settle before the burst starts.
        int warmup = 8192;
        for (int i = -warmup; i < n; i++) {
            double white = gaussian(rng);
            b0 = 0.99886 * b0 + white * 0.0555179;
            b1 = 0.99332 * b1 + white * 0.0750759;
            b2 = 0.96900 * b2 + white * 0.1538520;
            b3 = 0.86650 * b3 + white * 0.3104856;
            b4 = 0.55000 * b4 + white * 0.5329522;
            b5 = -0.7616 * b5 - white * 0.0168980;
            double pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
            b6 = white * 0.115926;
            if (i >= 0) {
                x[i] = pink;
            }
        }
        int ramp = (int) Math.round(rampSeconds * SAMPLE_RATE);
        for (int i = 0; i < ramp; i++) {
            double g = 0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / ramp);
            x[i] *= g;
            x[n - 1 - i] *= g;
        }
        double sumSq = 0;
        for (double v : x) {
            sumSq += v * v;
        }
        double rms = Math.sqrt(sumSq / n);
        double scale = Math.pow(10, levelDbfs / 20) / rms;
        for (int i = 0; i < n; i++) {
            x[i] *= scale;
        }
        return x;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
