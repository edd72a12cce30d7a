package org.neuroloop.bench.latency;

import java.util.List;

/** A pre-rendered multichannel signal with planted events, published sample by sample by the latency benchmark. */
public interface BenchmarkSignal {

    /**
     * Where a planted event may be detected: a decision caused by a sample in {@code [firstSample, lastSample]}
     * counts as detecting it; the event's "onset" for warm-up accounting is {@code firstSample}.
     */
    record EventWindow(int firstSample, int lastSample) {}

    int channels();

    /** The rendered signal, sample-major ({@code samples[k * channels + c]}); the array itself, not a copy. */
    float[] samples();

    /** Number of samples. */
    default int length() {
        return samples().length / channels();
    }

    /** Copies sample {@code k} (all channels) into {@code row}. */
    default void row(int k, float[] row) {
        System.arraycopy(samples(), k * channels(), row, 0, channels());
    }

    /** Planted events in time order. */
    List<EventWindow> events();
}
