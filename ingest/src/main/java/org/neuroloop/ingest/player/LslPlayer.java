package org.neuroloop.ingest.player;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.replay.ReplayEvent;
import org.neuroloop.ingest.replay.ReplayPacer;
import org.neuroloop.ingest.replay.ReplaySchedule;
import org.neuroloop.ingest.replay.ReplaySpeed;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a recording as LSL outlets, like a live amplifier (MNE-LSL's {@code Player}): one outlet per numeric
 * stream (channel labels and units in {@code desc/channels}), one string outlet per marker stream and one
 * {@code Markers} outlet for the annotations, all paced by one {@link ReplayPacer}.
 *
 * <p>Timestamps: a sample at recording time {@code t} is stamped {@code anchor + (t - t0) / factor} on the LSL clock,
 * {@code anchor} being {@code local_clock()} when playing starts, so at real time or a factor each sample carries
 * the time it is pushed; at max speed the stamps keep the file's spacing ({@code anchor + t - t0}). With
 * {@code loop}, each pass continues where the previous one ended (plus one sample period).
 *
 * <p>Numeric outlets are float32 when every value of the stream is exactly a float, double64 otherwise.
 */
public final class LslPlayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LslPlayer.class);

    /**
     * @param name name of the main stream's outlet (null: the stream's own name); other outlets are
     *             {@code NAME-<stream>}, the annotations {@code NAME-markers}
     * @param speed pacing
     * @param chunkSeconds samples pushed per chunk, in seconds
     * @param loop replay again from the start when done, until {@link #stop()}
     */
    public record Config(String name, ReplaySpeed speed, double chunkSeconds, boolean loop) {}

    private final Recording recording;
    private final Config config;
    private final ReplaySchedule prototype;
    private final List<StreamOutlet> outlets = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private volatile boolean stopped;
    private long samplesPushed;
    private long markersPushed;

    /** Creates the outlets right away (so inlets can resolve them before {@link #play()} starts pushing). */
    public LslPlayer(Recording recording, Config config) {
        this.recording = recording;
        this.config = config;
        this.prototype = ReplaySchedule.of(recording, "play", config.chunkSeconds());
        RecordedStream main = recording.mainStream().orElse(null);
        String base = config.name() != null ? config.name() : main != null ? main.name() : "recording";
        String source = recording.source() == null
                ? "memory"
                : recording.source().toAbsolutePath().toString();
        for (ReplaySchedule.Track t : prototype.tracks()) {
            String outletName;
            StreamInfo info;
            if (t instanceof ReplaySchedule.NumericTrack nt) {
                RecordedStream s = nt.stream();
                outletName = s == main ? base : base + "-" + s.name();
                ChannelFormat f = floatExact(s.samples()) ? ChannelFormat.FLOAT32 : ChannelFormat.DOUBLE64;
                info = StreamInfo.create(
                        outletName,
                        s.type(),
                        s.channelCount(),
                        s.nominalRate(),
                        f,
                        "neuroloop-play:" + source + ":" + s.name());
                info.setChannels(s.channelLabels(), s.units(), s.type().isEmpty() ? null : s.type());
            } else if (t instanceof ReplaySchedule.StringTrack st) {
                RecordedStream s = st.stream();
                outletName = base + "-" + s.name();
                info = StreamInfo.create(
                        outletName,
                        s.type().isEmpty() ? "Markers" : s.type(),
                        s.channelCount(),
                        Lsl.IRREGULAR_RATE,
                        ChannelFormat.STRING,
                        "neuroloop-play:" + source + ":" + s.name());
                info.setChannels(s.channelLabels(), s.units(), null);
            } else {
                outletName = base + "-markers";
                info = StreamInfo.create(
                        outletName,
                        "Markers",
                        1,
                        Lsl.IRREGULAR_RATE,
                        ChannelFormat.STRING,
                        "neuroloop-play:" + source + ":annotations");
            }
            try (StreamInfo i = info) {
                outlets.add(new StreamOutlet(i));
            }
            names.add(outletName);
        }
        LOG.info("playing {} as LSL outlets {}", source, names);
    }

    /** Outlet names, one per track of {@link ReplaySchedule#of}. */
    public List<String> outletNames() {
        return List.copyOf(names);
    }

    /** Blocks until every outlet has a consumer or {@code timeoutSeconds} passes; true if all have one. */
    public boolean waitForConsumers(double timeoutSeconds) {
        long end = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        for (StreamOutlet o : outlets) {
            double left = (end - System.nanoTime()) / 1e9;
            if (left <= 0 || !o.waitForConsumers(left)) {
                return false;
            }
        }
        return true;
    }

    /** Pushes the whole recording (repeatedly with {@code loop}) until done or {@link #stop()}; blocks. */
    public void play() {
        if (!ReplaySchedule.of(recording, "play", config.chunkSeconds()).hasNext()) {
            LOG.warn("nothing to play: every stream of the recording is empty");
            return;
        }
        double t0 = recording.startTime();
        double span = recording.endTime() - t0;
        double anchor = Lsl.localClock();
        ReplayPacer pacer = new ReplayPacer(config.speed(), System::nanoTime);
        pacer.anchor(t0);
        double factor = config.speed().isMax() ? 1 : config.speed().factor();
        int pass = 0;
        do {
            ReplaySchedule schedule = ReplaySchedule.of(recording, "play", config.chunkSeconds());
            double shift = pass * span; // pass k replays the file at recording time t + k * span
            while (schedule.hasNext() && !stopped) {
                long wait = pacer.nanosUntil(schedule.nextDue() + shift);
                if (wait > 0) {
                    LockSupport.parkNanos(Math.min(wait, 50_000_000L)); // wake up at least every 50 ms for stop()
                    continue;
                }
                push(schedule.next(), anchor, t0 - shift, factor);
            }
            pass++;
        } while (config.loop() && !stopped);
        LOG.info("played {} samples and {} markers in {} pass(es)", samplesPushed, markersPushed, pass);
    }

    private void push(ReplayEvent e, double anchor, double t0, double factor) {
        StreamOutlet o = outlets.get(e.track());
        if (e instanceof ReplayEvent.ChunkEvent ce) {
            var c = ce.chunk();
            double[] ts = new double[c.length()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = anchor + (c.timestamps()[i] - t0) / factor;
            }
            if (o.channelFormat() == ChannelFormat.FLOAT32) {
                float[] f = new float[c.samples().length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) c.samples()[i];
                }
                o.pushChunk(f, c.length(), ts, true);
            } else {
                o.pushChunk(c.samples(), c.length(), ts, true);
            }
            samplesPushed += c.length();
        } else {
            ReplayEvent.MarkerEvent m = (ReplayEvent.MarkerEvent) e;
            double ts = anchor + (m.marker().timestamp() - t0) / factor;
            o.pushStrings(m.values(), 1, new double[] {ts}, true);
            markersPushed++;
        }
    }

    /** Makes {@link #play()} return after the event it is pushing. */
    public void stop() {
        stopped = true;
    }

    public long samplesPushed() {
        return samplesPushed;
    }

    public long markersPushed() {
        return markersPushed;
    }

    @Override
    public void close() {
        stop();
        // a consumer that fell behind still has the tail of the recording in the outlet's backlog: give connected
        // consumers a moment to receive it before the outlets go away.
        if (outlets.stream().anyMatch(StreamOutlet::haveConsumers)) {
            try {
                Thread.sleep(LINGER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (StreamOutlet o : outlets) {
            o.close();
        }
    }

    /** How long {@link #close()} lets consumers drain the outlets' send queues. */
    static final long LINGER_MILLIS = 250;

    static boolean floatExact(double[] values) {
        for (double v : values) {
            if ((double) (float) v != v && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }
}
