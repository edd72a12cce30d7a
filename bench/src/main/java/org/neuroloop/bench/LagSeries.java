package org.neuroloop.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * A Flink accumulator of per-chunk lags, kept per session: for every chunk the wall-clock arrival time and the lag
 * {@code arrival - newestSampleTime} (both seconds on the LSL clock), and its sample count. Subtasks merge their
 * series into one map by session at the end of the job ({@code JobExecutionResult#getAccumulatorResult}).
 *
 * <p>Primitive growable arrays, one entry per chunk: at 100 chunks/s per session a 20 s run holds 2,000 pairs
 * per session.
 */
public final class LagSeries implements Accumulator<LagSeries.Lag, HashMap<String, LagSeries.Series>> {
    private static final long serialVersionUID = 1L;

    /** One chunk's measurement. */
    public record Lag(String sessionId, double arrival, double lag, int samples) {}

    /** One session's chunks in arrival order (within one subtask; sessions never span subtasks). */
    public static final class Series implements Serializable {
        private static final long serialVersionUID = 1L;
        private double[] arrival;
        private double[] lag;
        private int size;
        private long samples;

        Series() {
            this(256);
        }

        Series(int capacity) {
            arrival = new double[Math.max(1, capacity)];
            lag = new double[arrival.length];
        }

        void add(double arrivalS, double lagS, int n) {
            if (size == arrival.length) {
                arrival = Arrays.copyOf(arrival, size * 2);
                lag = Arrays.copyOf(lag, size * 2);
            }
            arrival[size] = arrivalS;
            lag[size] = lagS;
            size++;
            samples += n;
        }

        void addAll(Series o) {
            for (int i = 0; i < o.size; i++) {
                add(o.arrival[i], o.lag[i], 0);
            }
            samples += o.samples;
        }

        public int size() {
            return size;
        }

        public double arrival(int i) {
            return arrival[i];
        }

        public double lag(int i) {
            return lag[i];
        }

        /** Samples of all chunks seen. */
        public long samples() {
            return samples;
        }

        Series copy() {
            Series s = new Series();
            s.addAll(this);
            return s;
        }
    }

    /** Runs of this JVM: the parts their probes fill, one per subtask. */
    private static final Map<String, List<LagSeries>> RUNS = new ConcurrentHashMap<>();

    private HashMap<String, Series> bySession = new HashMap<>();
    /** Initial capacity of each session's series. */
    private final int capacity;

    public LagSeries() {
        this(0);
    }

    /** @param capacity chunks each session's series holds before it grows (0: a default) */
    public LagSeries(int capacity) {
        this.capacity = capacity > 0 ? capacity : 256;
    }

    @Override
    public void add(Lag value) {
        bySession
                .computeIfAbsent(value.sessionId(), k -> new Series())
                .add(value.arrival(), value.lag(), value.samples());
    }

    /** Adds one chunk without building a {@link Lag} (the probe's hot path). */
    public void add(String sessionId, double arrival, double lag, int samples) {
        Series s = bySession.get(sessionId);
        if (s == null) {
            s = new Series(capacity);
            bySession.put(sessionId, s);
        }
        s.add(arrival, lag, samples);
    }

    /** Starts collecting the run {@code name} in this JVM (before its job starts). */
    public static void open(String name) {
        if (RUNS.putIfAbsent(name, new ArrayList<>()) != null) {
            throw new IllegalStateException("lag series run " + name + " is already open");
        }
    }

    /** A new part of the run {@code name} for one subtask, {@code capacity} chunks per session. */
    static LagSeries part(String name, int capacity) {
        List<LagSeries> parts = RUNS.get(name);
        if (parts == null) {
            throw new IllegalStateException("lag series run " + name + " is not open in this JVM");
        }
        LagSeries s = new LagSeries(capacity);
        synchronized (parts) {
            parts.add(s);
        }
        return s;
    }

    /** Ends the run {@code name} (after its job ended) and returns every part's series merged, by session. */
    public static HashMap<String, Series> close(String name) {
        List<LagSeries> parts = RUNS.remove(name);
        LagSeries all = new LagSeries();
        if (parts != null) {
            synchronized (parts) {
                for (LagSeries p : parts) {
                    all.merge(p);
                }
            }
        }
        return all.bySession;
    }

    @Override
    public HashMap<String, Series> getLocalValue() {
        return bySession;
    }

    @Override
    public void resetLocal() {
        bySession = new HashMap<>();
    }

    @Override
    public void merge(Accumulator<Lag, HashMap<String, Series>> other) {
        for (Map.Entry<String, Series> e : other.getLocalValue().entrySet()) {
            bySession.computeIfAbsent(e.getKey(), k -> new Series()).addAll(e.getValue());
        }
    }

    @Override
    public LagSeries clone() {
        LagSeries c = new LagSeries();
        bySession.forEach((k, v) -> c.bySession.put(k, v.copy()));
        return c;
    }
}
