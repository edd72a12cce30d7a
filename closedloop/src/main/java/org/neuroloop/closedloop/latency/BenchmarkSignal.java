package org.neuroloop.closedloop.latency;

import java.util.List;

/** A pre-rendered multichannel signal with planted events, published sample by sample by the latency benchmark. */
public interface BenchmarkSignal {

    /**
     * Where a planted event may be detected: a decision caused by a sample in {@code [firstSample, lastSample]}
     * counts as detecting it; the event's "onset" for warm-up accounting is {@code firstSample}.
     */
    record EventWindow(int firstSample, int lastSample) {
    }

    int channels();

    /** Number of samples. */
    int length();

    /** Copies sample {@code k} (all channels) into {@code row}. */
    void row(int k, float[] row);

    /** Planted events in time order. */
    List<EventWindow> events();
}
