package org.neuroloop.ingest.recorder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neuroloop.ingest.recording.ChannelFormat;
import org.neuroloop.ingest.recording.XdfWriter;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records LSL streams to an XDF file as LabRecorder does: each stream's full info XML as its StreamHeader, its
 * samples with the sender's timestamps as pulled (no correction), a ClockOffset chunk every
 * {@link #OFFSET_INTERVAL_SECONDS} s ({@code collection time = local_clock() - offset}, {@code offset =
 * time_correction()}), and footers on close. {@code XdfReader} applies the offsets when reading.
 *
 * <p>One thread per inlet pulls chunks and writes them; the shared {@link XdfWriter} is synchronised.
 */
public final class LslRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LslRecorder.class);
    static final double OFFSET_INTERVAL_SECONDS = 5;

    /** A stream selector {@code property=value}, e.g. {@code name=EEG} or {@code type=Markers}. */
    public record StreamQuery(String property, String value) {
        public static StreamQuery parse(String s) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException(
                        "--stream must be property=value (e.g. name=EEG, type=Markers), got '" + s + "'");
            }
            return new StreamQuery(
                    s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }

        @Override
        public String toString() {
            return property + "=" + value;
        }
    }

    private final XdfWriter writer;
    private final List<StreamInlet> inlets = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<ChannelFormat> formats = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private volatile boolean stopRequested;

    /**
     * Resolves every query (each must match at least one stream within {@code resolveSeconds}), opens an inlet per
     * matching stream and writes the XDF headers.
     */
    public LslRecorder(Path out, List<StreamQuery> queries, double resolveSeconds) throws IOException {
        Set<String> uids = new HashSet<>();
        List<StreamInfo> found = new ArrayList<>();
        for (StreamQuery q : queries) {
            List<StreamInfo> infos = StreamResolver.resolveByProperty(q.property(), q.value(), 1, resolveSeconds);
            if (infos.isEmpty()) {
                StreamResolver.closeAll(found);
                throw new IllegalStateException("no LSL stream with " + q + " found within " + resolveSeconds + " s");
            }
            for (StreamInfo i : infos) {
                if (uids.add(i.uid())) {
                    found.add(i);
                } else {
                    i.close();
                }
            }
        }
        writer = XdfWriter.create(out);
        int id = 1;
        for (StreamInfo i : found) {
            StreamInlet in = new StreamInlet(i, 360, 0, true);
            String xml;
            try (StreamInfo full = in.info(5.0)) {
                xml = full.toXml();
            }
            in.open(5.0);
            ChannelFormat f = ChannelFormat.fromXdfName(i.channelFormat().xmlName());
            writer.addStream(id++, xml, i.channelCount(), f);
            inlets.add(in);
            names.add(i.name());
            formats.add(f);
            counts.put(i.name(), 0L);
            i.close();
        }
        writer.writeBoundary();
        LOG.info("recording {} to {}", names, out);
    }

    /** Names of the recorded streams, in stream-id order (1, 2, ...). */
    public List<String> streamNames() {
        return List.copyOf(names);
    }

    /** Makes {@link #record} finish now (it still drains, writes the footers and closes the file). */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Records for {@code seconds} (or until {@link #stop()}), then writes the footers and closes the file; returns
     * samples per stream.
     */
    public Map<String, Long> record(double seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int k = 0; k < inlets.size(); k++) {
            int idx = k;
            Thread t = new Thread(
                    () -> {
                        try {
                            pullLoop(idx, end);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    },
                    "lsl-recorder-" + names.get(k));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        close();
        if (!failures.isEmpty()) {
            throw new IOException("recording failed: " + failures.get(0).getMessage(), failures.get(0));
        }
        return Map.copyOf(counts);
    }

    private void pullLoop(int k, long end) throws IOException {
        StreamInlet in = inlets.get(k);
        int id = k + 1;
        int ch = in.channelCount();
        int cap = Math.max(1, 4096 / ch);
        double[] ts = new double[cap];
        double[] values = formats.get(k).isString() ? null : new double[cap * ch];
        String[] strings = formats.get(k).isString() ? new String[cap * ch] : null;
        long nextOffset = 0;
        long total = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= nextOffset) {
                writeOffset(in, id);
                nextOffset = now + (long) (OFFSET_INTERVAL_SECONDS * 1e9);
            }
            if (now >= end || stopRequested) {
                break;
            }
            double timeout = Math.min(0.05, (end - now) / 1e9);
            int n = strings != null ? in.pullStrings(strings, ts, timeout) : in.pullChunk(values, ts, timeout);
            if (n > 0) {
                if (strings != null) {
                    writer.writeStrings(id, ts, strings, n);
                } else {
                    writer.writeSamples(id, ts, values, n);
                }
                total += n;
            }
        }
        // drain what already arrived
        int n;
        while ((n = strings != null ? in.pullStrings(strings, ts, 0) : in.pullChunk(values, ts, 0)) > 0) {
            if (strings != null) {
                writer.writeStrings(id, ts, strings, n);
            } else {
                writer.writeSamples(id, ts, values, n);
            }
            total += n;
        }
        writeOffset(in, id);
        synchronized (counts) {
            counts.put(names.get(k), total);
        }
    }

    /** One clock offset measurement; a failed one is skipped (as LabRecorder does), never fatal to the recording. */
    private void writeOffset(StreamInlet in, int id) throws IOException {
        double offset;
        try {
            offset = in.timeCorrection(1.0);
        } catch (RuntimeException e) {
            LOG.warn("clock offset of stream {} not measured this time: {}", names.get(id - 1), e.getMessage());
            return;
        }
        writer.writeClockOffset(id, Lsl.localClock() - offset, offset);
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            for (StreamInlet in : inlets) {
                in.close();
            }
            inlets.clear();
        }
    }
}
