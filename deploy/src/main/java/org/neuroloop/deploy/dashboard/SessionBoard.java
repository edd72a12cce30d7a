package org.neuroloop.deploy.dashboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * What the dashboard knows of one session, from the monitor feed: the counts the job's metrics also count
 * ({@code samplesIn}, {@code chunksIn}, {@code chunksFlagged}, {@code detections}, {@code stimulations}), the last
 * {@link #WINDOW} latencies (the window of the job's {@code latencyMicros} histogram, with its percentile estimate),
 * and the armed state the dashboard set. Thread-safe: the receiver writes, HTTP handlers read.
 */
final class SessionBoard {
    static final int WINDOW = 1024;
    private final String id;
    private final int budget;
    private long samples;
    private long chunks;
    private long flagged;
    private int flags;
    private int lastFlags;
    private double lastTimestamp = Double.NaN;
    private long detections;
    private long predictions;
    private long stimulations;
    private final long[] latencies = new long[WINDOW];
    private long latencyCount;
    private boolean armed;
    private boolean stopped;

    SessionBoard(String id, boolean armedAtStart, int budget) {
        this.id = id;
        this.armed = armedAtStart;
        this.budget = budget;
    }

    synchronized void chunks(long samples, long chunks, long flagged, int flags, int lastFlags, double lastTimestamp) {
        this.samples = Math.max(this.samples, samples);
        this.chunks = Math.max(this.chunks, chunks);
        this.flagged = Math.max(this.flagged, flagged);
        this.flags |= flags;
        this.lastFlags = lastFlags;
        this.lastTimestamp = lastTimestamp;
    }

    synchronized void detection(long count) {
        detections = Math.max(detections, count);
    }

    synchronized void prediction(long count) {
        predictions = Math.max(predictions, count);
    }

    synchronized void stimulation(long count, long latencyMicros, boolean measured) {
        stimulations = Math.max(stimulations, count);
        if (measured) {
            latencies[(int) (latencyCount % WINDOW)] = latencyMicros;
            latencyCount++;
        }
    }

    synchronized void control(String action) {
        switch (action) {
            case "arm" -> armed = !stopped;
            case "disarm" -> armed = false;
            case "stop" -> {
                armed = false;
                stopped = true;
            }
            default -> {}
        }
    }

    /** The {@code /api/sessions} entry, plus the dashboard-only fields (lag, flags, budget left). */
    synchronized ObjectNode json(double lslNow, boolean live) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id);
        n.put("samples", samples);
        n.put("chunks", chunks);
        n.put("flagged_chunks", flagged);
        n.put("detections", detections);
        n.put("predictions", predictions);
        n.put("stimulations", stimulations);
        long[] sorted = Arrays.copyOf(latencies, (int) Math.min(latencyCount, WINDOW));
        Arrays.sort(sorted);
        n.put("latency_p50_ms", sorted.length == 0 ? null : percentile(sorted, 50) / 1000.0);
        n.put("latency_p99_ms", sorted.length == 0 ? null : percentile(sorted, 99) / 1000.0);
        n.put("armed", armed);
        n.put("stopped", stopped);
        n.put("budget_left", Math.max(0, budget - stimulations));
        n.put("flags", flags);
        n.put("last_flags", lastFlags);
        n.put("last_sample_time", Double.isNaN(lastTimestamp) ? null : lastTimestamp);
        n.put("lag_ms", live && !Double.isNaN(lastTimestamp) ? (lslNow - lastTimestamp) * 1000 : null);
        return n;
    }

    synchronized long[] latencyWindow() {
        return Arrays.copyOf(latencies, (int) Math.min(latencyCount, WINDOW));
    }

    /**
     * The percentile estimate of the job's histogram ({@code DescriptiveStatisticsHistogram}: commons-math's
     * {@code Percentile}, legacy estimation, position {@code p (n + 1) / 100}), so the numbers agree with Flink's.
     */
    static double percentile(long[] sorted, double p) {
        int n = sorted.length;
        double pos = p * (n + 1) / 100;
        if (pos < 1) {
            return sorted[0];
        }
        if (pos >= n) {
            return sorted[n - 1];
        }
        int lower = (int) Math.floor(pos);
        double d = pos - lower;
        return sorted[lower - 1] + d * (sorted[lower] - sorted[lower - 1]);
    }
}
