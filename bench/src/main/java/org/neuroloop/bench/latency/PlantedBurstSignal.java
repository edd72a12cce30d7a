package org.neuroloop.bench.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.ingest.synthetic.Montage1020;
import org.neuroloop.ingest.synthetic.SyntheticEeg;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * Benchmark signal for the threshold pipeline: synthetic awake EEG ({@link SyntheticEeg}, typical levels,
 * tens of µV) with planted high-amplitude bursts (a rectangular {@code burstUv} step on one channel for
 * {@code burstSamples} samples) at random intervals; rendered up front so the publisher only copies rows.
 */
public final class PlantedBurstSignal implements BenchmarkSignal {
    private final int channels;
    private final float[] samples;
    private final int[] burstStarts;

    /**
     * @param channels channel count (labels: the first channels of the 64-channel 10-10 montage)
     * @param rate Hz
     * @param seconds length
     * @param burstChannel channel carrying the bursts
     * @param burstUv added amplitude, µV
     * @param burstSamples samples per burst
     * @param firstBurstSeconds time of the first burst
     * @param minGapSeconds shortest interval between burst onsets
     * @param maxGapSeconds longest interval between burst onsets
     * @param seed random seed (background and intervals)
     */
    public PlantedBurstSignal(
            int channels,
            double rate,
            double seconds,
            int burstChannel,
            double burstUv,
            int burstSamples,
            double firstBurstSeconds,
            double minGapSeconds,
            double maxGapSeconds,
            long seed) {
        if (channels < 1 || channels > Montage1020.EEGMMIDB_64.size()) {
            throw new IllegalArgumentException(
                    "benchmark signal: channels must be 1.." + Montage1020.EEGMMIDB_64.size() + ", got " + channels);
        }
        if (burstChannel < 0 || burstChannel >= channels) {
            throw new IllegalArgumentException(
                    "benchmark signal: burst channel " + burstChannel + " outside 0.." + (channels - 1));
        }
        if (!(minGapSeconds > 0) || maxGapSeconds < minGapSeconds) {
            throw new IllegalArgumentException(
                    "benchmark signal: need 0 < minGap <= maxGap, got " + minGapSeconds + ", " + maxGapSeconds);
        }
        this.channels = channels;
        int total = (int) Math.round(seconds * rate);
        SyntheticEegConfig cfg = SyntheticEegConfig.defaults("bench", seed)
                .withChannels(Montage1020.EEGMMIDB_64.subList(0, channels))
                .withRate(rate)
                .withDuration(total / rate)
                .withStartTime(0)
                .withChunkSize(250);
        SyntheticEeg eeg = new SyntheticEeg(cfg);
        this.samples = new float[total * channels];
        int pos = 0;
        while (eeg.hasNext()) {
            Chunk c = eeg.next();
            double[] x = c.samples();
            for (int i = 0; i < x.length; i++) {
                samples[pos++] = (float) x[i];
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5EEDL);
        List<Integer> starts = new ArrayList<>();
        for (double t = firstBurstSeconds; ; t += minGapSeconds + rnd.nextDouble() * (maxGapSeconds - minGapSeconds)) {
            int k = (int) Math.round(t * rate);
            if (k + burstSamples >= total) {
                break;
            }
            starts.add(k);
            for (int i = 0; i < burstSamples; i++) {
                samples[(k + i) * channels + burstChannel] += (float) burstUv;
            }
        }
        this.burstStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public float[] samples() {
        return samples;
    }

    /** Each burst is detected only by its first sample (a causal detector cannot fire earlier; later is a miss). */
    @Override
    public List<EventWindow> events() {
        List<EventWindow> w = new ArrayList<>(burstStarts.length);
        for (int k : burstStarts) {
            w.add(new EventWindow(k, k));
        }
        return w;
    }

    /** Sample index of each burst onset, ascending. */
    public int[] burstStarts() {
        return burstStarts.clone();
    }

    /** Largest absolute value outside the bursts, µV (must stay below the detector's threshold). */
    public double maxBackgroundUv(int burstChannel, int burstSamples) {
        double max = 0;
        int b = 0;
        for (int k = 0; k < length(); k++) {
            while (b < burstStarts.length && k >= burstStarts[b] + burstSamples) {
                b++;
            }
            boolean inBurst = b < burstStarts.length && k >= burstStarts[b] && k < burstStarts[b] + burstSamples;
            if (!inBurst) {
                max = Math.max(max, Math.abs(samples[k * channels + burstChannel]));
            }
        }
        return max;
    }
}
