package org.neuroloop.dsp.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Per-session Flink metrics: one metric group {@code session=<id>} under the operator's group, created on the
 * session's first record and cached, so the Web UI and reporters show every session separately.
 *
 * <p>Metric names used across NeuroLoop: {@code samplesIn}, {@code chunksIn}, {@code chunksFlagged},
 * {@code predictions}, {@code detections}, {@code stimulations}, and the histogram {@code latencyMicros}.
 */
public final class SessionMetrics {
    private static final int HISTOGRAM_WINDOW = 1024;

    private final MetricGroup operatorGroup;
    private final Map<String, Map<String, Counter>> counters = new HashMap<>();
    private final Map<String, Histogram> histograms = new HashMap<>();
    private final Map<String, Counter[]> counterSets = new HashMap<>();

    public SessionMetrics(MetricGroup operatorGroup) {
        this.operatorGroup = operatorGroup;
    }

    /** The counter {@code name} of {@code sessionId}, registered on first use. */
    public Counter counter(String sessionId, String name) {
        Map<String, Counter> bySession = counters.computeIfAbsent(sessionId, k -> new HashMap<>());
        Counter c = bySession.get(name);
        if (c == null) {
            c = group(sessionId).counter(name);
            bySession.put(name, c);
        }
        return c;
    }

    /**
     * The counters {@code names} of {@code sessionId}, in that order, registered on first use: one map lookup per
     * record for an operator that counts several things per record. An operator always passes the same names (a
     * constant array), since the set is cached per session.
     */
    public Counter[] counters(String sessionId, String[] names) {
        Counter[] set = counterSets.get(sessionId);
        if (set == null) {
            set = new Counter[names.length];
            for (int i = 0; i < names.length; i++) {
                set[i] = counter(sessionId, names[i]);
            }
            counterSets.put(sessionId, set);
        }
        return set;
    }

    /** The histogram {@code name} of {@code sessionId} (last 1024 values), registered on first use. */
    public Histogram histogram(String sessionId, String name) {
        String key = sessionId + '\u0000' + name;
        Histogram h = histograms.get(key);
        if (h == null) {
            h = group(sessionId).histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
            histograms.put(key, h);
        }
        return h;
    }

    private MetricGroup group(String sessionId) {
        return operatorGroup.addGroup("session", sessionId);
    }
}
