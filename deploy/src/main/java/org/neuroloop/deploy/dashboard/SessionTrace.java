package org.neuroloop.deploy.dashboard;

import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/**
 * One session's counts and the decimated trace not yet sent, handed from the job's task thread ({@link #add}: copies
 * numbers into preallocated arrays, allocates nothing) to {@link MonitorFeed}'s sender thread ({@link #takeSnapshot}).
 * The trace is a ring of about two send periods; should the sender fall behind, the oldest points go, the counts
 * never.
 */
final class SessionTrace {
    private final String id;
    private final double rate;
    private final int step;
    private final int channels;
    private final double[] time;
    private final double[][] values;
    private int head;
    private int count;
    private long seq;
    private long samples;
    private long chunks;
    private long flagged;
    private int flags;
    private int lastFlags;
    private double lastTimestamp = Double.NaN;
    private boolean news;

    /**
     * @param rate the session's nominal rate, Hz
     * @param traceRate the rate the trace is decimated to, about
     * @param channels channels of the trace (the first ones)
     * @param periodMs how often the sender takes the trace
     */
    SessionTrace(String id, double rate, double traceRate, int channels, int periodMs) {
        this.id = id;
        this.rate = rate;
        this.step = Math.max(1, (int) Math.round(rate / traceRate));
        this.channels = channels;
        int capacity = Math.max(64, (int) Math.ceil(4 * traceRate * periodMs / 1000.0));
        this.time = new double[capacity];
        this.values = new double[channels][capacity];
    }

    /** On the task thread: counts the chunk and keeps every {@code step}-th sample of the first channels. */
    synchronized void add(Chunk c) {
        int n = c.length();
        double[] ts = c.timestamps();
        int first = (int) ((step - seq % step) % step);
        for (int i = first; i < n; i += step) {
            int slot = (head + count) % time.length;
            if (count == time.length) {
                head = (head + 1) % time.length;
            } else {
                count++;
            }
            time[slot] = ts[i];
            for (int ch = 0; ch < channels; ch++) {
                values[ch][slot] = c.sample(i, ch);
            }
        }
        seq += n;
        samples += n;
        chunks++;
        if (ChunkFlags.isBad(c.flags())) {
            flagged++;
            flags |= c.flags();
        }
        lastFlags = c.flags();
        if (n > 0) {
            lastTimestamp = ts[n - 1];
        }
        news = true;
    }

    /** On the sender thread: copies the counts and the waiting trace into {@code out}; true if anything is new. */
    synchronized boolean takeSnapshot(Snapshot out) {
        out.id = id;
        out.rate = rate;
        out.channels = channels;
        out.samples = samples;
        out.chunks = chunks;
        out.flagged = flagged;
        out.flags = flags;
        out.lastFlags = lastFlags;
        out.lastTimestamp = lastTimestamp;
        out.ensure(count);
        for (int k = 0; k < count; k++) {
            int slot = (head + k) % time.length;
            out.time[k] = time[slot];
            for (int ch = 0; ch < channels; ch++) {
                out.values[ch][k] = values[ch][slot];
            }
        }
        out.count = count;
        head = 0;
        count = 0;
        boolean had = news;
        news = false;
        return had;
    }

    /** The sender's copy of a {@link SessionTrace}, formatted as the page's {@code "chunks"} message. */
    static final class Snapshot {
        String id;
        double rate;
        int channels;
        long samples;
        long chunks;
        long flagged;
        int flags;
        int lastFlags;
        double lastTimestamp;
        int count;
        double[] time = new double[0];
        final double[][] values;

        Snapshot(int maxChannels) {
            values = new double[maxChannels][0];
        }

        void ensure(int n) {
            if (time.length < n) {
                time = new double[n];
                for (int ch = 0; ch < values.length; ch++) {
                    values[ch] = new double[n];
                }
            }
        }

        void appendJson(StringBuilder b, double sentAt) {
            b.append("{\"type\":\"chunks\",\"session\":")
                    .append(Json.quote(id))
                    .append(",\"samples\":")
                    .append(samples)
                    .append(",\"chunks\":")
                    .append(chunks)
                    .append(",\"flagged\":")
                    .append(flagged)
                    .append(",\"flags\":")
                    .append(flags)
                    .append(",\"lastFlags\":")
                    .append(lastFlags)
                    .append(",\"rate\":");
            Decimals.append(b, rate, 4);
            b.append(",\"lastTimestamp\":");
            Decimals.append(b, lastTimestamp, 6);
            b.append(",\"sentAt\":");
            Decimals.append(b, sentAt, 6);
            b.append(",\"t\":[");
            for (int k = 0; k < count; k++) {
                if (k > 0) {
                    b.append(',');
                }
                Decimals.append(b, time[k], 4);
            }
            b.append("],\"ch\":[");
            for (int ch = 0; ch < channels; ch++) {
                b.append(ch == 0 ? "[" : ",[");
                for (int k = 0; k < count; k++) {
                    if (k > 0) {
                        b.append(',');
                    }
                    Decimals.append(b, values[ch][k], 2);
                }
                b.append(']');
            }
            b.append("]}");
        }
    }
}
