package org.neuroloop.ingest.synthetic;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;
import org.neuroloop.lsl4j.thread.RealtimeThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes synthetic EEG as a live LSL stream, in real time: an EEG outlet (float32, type "EEG", channel labels
 * and µV units in {@code desc/channels}) and a truth-marker outlet (string, type "Markers", irregular) on which
 * every {@link SyntheticEeg#truthMarkers() truth marker} is pushed at its own timestamp. Each chunk is pushed
 * once the LSL clock reaches its newest sample, with the generator's timestamps, so inlets see what an
 * amplifier plus a cue program would send. Lets every demo and test run without hardware.
 *
 * <p>Source ids are {@code <prefix>-eeg} and {@code <prefix>-truth}. A background thread does the pushing;
 * {@link #close()} stops it and destroys both outlets. LSL stays on this machine unless an
 * {@code lsl_api.cfg} says otherwise ({@link org.neuroloop.lsl4j.LslConfig}).
 */
public final class SyntheticOutlet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticOutlet.class);

    private final SyntheticEegConfig config;
    private final StreamOutlet eegOutlet;
    private final StreamOutlet markerOutlet;
    private final Thread pusher;
    private final String eegSourceId;
    private final String markerSourceId;
    private volatile boolean running = true;
    private volatile long samplesPushed;
    private volatile int markersPushed;
    private volatile Throwable failure;

    private final double awaitConsumersSeconds;

    private SyntheticOutlet(
            SyntheticEegConfig config, String streamName, String sourceIdPrefix, double awaitConsumersSeconds) {
        this.config = config;
        this.awaitConsumersSeconds = awaitConsumersSeconds;
        this.eegSourceId = sourceIdPrefix + "-eeg";
        this.markerSourceId = sourceIdPrefix + "-truth";
        SyntheticEeg eeg = new SyntheticEeg(config);
        try (StreamInfo info = StreamInfo.create(
                streamName, "EEG", config.channelCount(), config.rate(), ChannelFormat.FLOAT32, eegSourceId)) {
            info.setChannels(config.channelLabels(), eeg.meta().units(), "EEG");
            info.desc()
                    .appendChild("acquisition")
                    .appendChildValue("manufacturer", "NeuroLoop")
                    .appendChildValue("model", "SyntheticEeg")
                    .appendChildValue("seed", Long.toString(config.seed()));
            this.eegOutlet = new StreamOutlet(info, 0, 360);
        }
        try (StreamInfo info = StreamInfo.create(
                streamName + "-truth", "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, markerSourceId)) {
            this.markerOutlet = new StreamOutlet(info, 0, 360);
        }
        this.pusher = new Thread(() -> run(eeg), "synthetic-outlet-" + config.sessionId());
        pusher.setDaemon(true);
    }

    /**
     * Starts publishing.
     *
     * @param config the session; a NaN start time means "now" on the LSL clock
     * @param streamName LSL stream name of the EEG (the markers get {@code streamName + "-truth"})
     * @param sourceIdPrefix prefix of both outlets' source ids
     */
    public static SyntheticOutlet start(SyntheticEegConfig config, String streamName, String sourceIdPrefix) {
        return start(config, streamName, sourceIdPrefix, 0);
    }

    /**
     * Starts publishing, but first waits up to {@code awaitConsumersSeconds} until both outlets have an inlet
     * (an outlet drops what is pushed before anyone listens); data that fell due meanwhile is then pushed at once, so
     * the consumer gets the session from its first sample. 0 = do not wait (live behaviour).
     */
    public static SyntheticOutlet start(
            SyntheticEegConfig config, String streamName, String sourceIdPrefix, double awaitConsumersSeconds) {
        SyntheticEegConfig resolved =
                Double.isNaN(config.startTime()) ? config.withStartTime(Lsl.localClock()) : config;
        SyntheticOutlet out = new SyntheticOutlet(resolved, streamName, sourceIdPrefix, awaitConsumersSeconds);
        out.pusher.start();
        LOG.info(
                "synthetic EEG '{}' ({} ch @ {} Hz, seed {}) publishing as LSL '{}' (source ids {}, {}) from t={}",
                resolved.sessionId(),
                resolved.channelCount(),
                resolved.rate(),
                resolved.seed(),
                streamName,
                out.eegSourceId,
                out.markerSourceId,
                resolved.startTime());
        return out;
    }

    private void run(SyntheticEeg eeg) {
        RealtimeThreads.raiseCurrentThread();
        List<Marker> truth = eeg.truthMarkers();
        int nextMarker = 0;
        try {
            if (awaitConsumersSeconds > 0) {
                boolean both = eegOutlet.waitForConsumers(awaitConsumersSeconds)
                        && markerOutlet.waitForConsumers(awaitConsumersSeconds);
                if (!both) {
                    LOG.warn(
                            "synthetic EEG '{}': no inlet on both outlets after {} s; publishing anyway",
                            config.sessionId(),
                            awaitConsumersSeconds);
                }
            }
            while (running && eeg.hasNext()) {
                Chunk chunk = eeg.next();
                double due = chunk.lastTimestamp();
                double wait;
                while (running && (wait = due - Lsl.localClock()) > 0) {
                    LockSupport.parkNanos((long) (wait * 1e9));
                }
                if (!running) {
                    break;
                }
                eegOutlet.pushChunk(chunk.samples(), chunk.length(), chunk.timestamps(), true);
                samplesPushed += chunk.length();
                while (nextMarker < truth.size() && truth.get(nextMarker).timestamp() <= due) {
                    Marker m = truth.get(nextMarker++);
                    markerOutlet.pushMarker(m.label(), m.timestamp());
                    markersPushed = nextMarker;
                }
            }
            LOG.info(
                    "synthetic EEG '{}' stopped after {} samples and {} markers",
                    config.sessionId(),
                    samplesPushed,
                    markersPushed);
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("synthetic EEG '{}' outlet failed after {} samples", config.sessionId(), samplesPushed, e);
        }
    }

    /** The session as published (start time resolved). */
    public SyntheticEegConfig config() {
        return config;
    }

    public String eegSourceId() {
        return eegSourceId;
    }

    public String markerSourceId() {
        return markerSourceId;
    }

    public long samplesPushed() {
        return samplesPushed;
    }

    public int markersPushed() {
        return markersPushed;
    }

    /** Whether the EEG outlet has at least one inlet connected. */
    public boolean haveConsumers() {
        return eegOutlet.haveConsumers();
    }

    /**
     * Waits until a bounded session has been pushed completely.
     *
     * @return true if it finished within the timeout
     */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        pusher.join(Math.max(1, unit.toMillis(timeout)));
        rethrowFailure();
        return !pusher.isAlive();
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("synthetic outlet " + config.sessionId() + " failed", f);
        }
    }

    /** Stops pushing and destroys both outlets. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(pusher);
        try {
            pusher.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eegOutlet.close();
        markerOutlet.close();
        rethrowFailure();
    }
}
