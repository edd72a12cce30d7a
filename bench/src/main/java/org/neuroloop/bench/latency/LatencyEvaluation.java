package org.neuroloop.bench.latency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neuroloop.bench.latency.MarkerReceiver.Received;
import org.neuroloop.closedloop.latency.LatencyStats;

/**
 * Matches the markers of a {@link ClosedLoopLatencyBenchmark} run to the planted events: a marker whose cause
 * timestamp is the push time of a sample inside an event window marks that event (the first one; later ones are
 * duplicates), any other marker is a false stimulation.
 *
 * @param events planted events in the measured period
 * @param falseStimulations markers not caused by a planted event (whole run)
 * @param duplicateMarkers markers for an event already marked (whole run)
 * @param markersReceived all markers received (whole run)
 * @param latency marker received − causing sample pushed, over detected events
 * @param jobLatency marker pushed by the job's sink − causing sample pushed
 * @param markerHop marker received − marker pushed
 * @param plantedSeconds when each measured event's first sample was pushed, s after the first push
 * @param stimulationSeconds when each detected event's causing sample was pushed, s after the first push
 * @param latenciesMs per detected event, marker received − causing sample pushed, ms
 */
record LatencyEvaluation(
        int events,
        int falseStimulations,
        int duplicateMarkers,
        int markersReceived,
        LatencyStats latency,
        LatencyStats jobLatency,
        LatencyStats markerHop,
        double[] plantedSeconds,
        double[] stimulationSeconds,
        double[] latenciesMs) {
    /** Causing sample and marker cause timestamp must agree within this (clock-sync offset on one host is µs). */
    static final double MATCH_TOLERANCE_S = 0.001;

    /**
     * @param pushed push time of every sample (LSL clock, ascending)
     * @param sent send times the sink acknowledged, by command id
     * @param measureFrom first measured sample (events before it are warm-up)
     */
    static LatencyEvaluation of(
            List<BenchmarkSignal.EventWindow> windows,
            double[] pushed,
            List<Received> received,
            Map<String, Double> sent,
            int measureFrom) {
        Received[] first = new Received[windows.size()];
        int[] cause = new int[windows.size()];
        int falseStims = 0;
        int duplicates = 0;
        List<Received> markers;
        synchronized (received) {
            markers = new ArrayList<>(received);
        }
        for (Received m : markers) {
            int k = nearest(pushed, m.cause());
            int j = k < 0 || Math.abs(pushed[k] - m.cause()) > MATCH_TOLERANCE_S ? -1 : windowOf(windows, k);
            if (j < 0) {
                falseStims++;
            } else if (first[j] != null) {
                duplicates++;
            } else {
                first[j] = m;
                cause[j] = k;
            }
        }
        int events = 0;
        List<Double> planted = new ArrayList<>();
        List<Double> stimulated = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        List<Double> job = new ArrayList<>();
        List<Double> hop = new ArrayList<>();
        for (int j = 0; j < windows.size(); j++) {
            if (windows.get(j).firstSample() < measureFrom) {
                continue;
            }
            events++;
            planted.add(pushed[windows.get(j).firstSample()] - pushed[0]);
            if (first[j] != null) {
                double pushedAt = pushed[cause[j]];
                total.add(first[j].time() - pushedAt);
                stimulated.add(pushedAt - pushed[0]);
                Double s = sent.get(first[j].id());
                if (s != null) {
                    job.add(s - pushedAt);
                    hop.add(first[j].time() - s);
                }
            }
        }
        return new LatencyEvaluation(
                events,
                falseStims,
                duplicates,
                markers.size(),
                stats(total),
                stats(job),
                stats(hop),
                array(planted),
                array(stimulated),
                total.stream().mapToDouble(t -> t * 1000).toArray());
    }

    /** Index of the event window holding sample {@code k}, or -1. */
    private static int windowOf(List<BenchmarkSignal.EventWindow> windows, int k) {
        int lo = 0;
        int hi = windows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            BenchmarkSignal.EventWindow w = windows.get(mid);
            if (k < w.firstSample()) {
                hi = mid - 1;
            } else if (k > w.lastSample()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static LatencyStats stats(List<Double> seconds) {
        return LatencyStats.ofSeconds(
                seconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int nearest(double[] ascending, double t) {
        int i = Arrays.binarySearch(ascending, t);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return ascending.length == 0 ? -1 : 0;
        }
        if (ins == ascending.length) {
            return ins - 1;
        }
        return t - ascending[ins - 1] <= ascending[ins] - t ? ins - 1 : ins;
    }
}
