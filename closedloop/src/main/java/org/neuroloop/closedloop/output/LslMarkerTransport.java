package org.neuroloop.closedloop.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.wire.WireOutlet;
import org.neuroloop.lsl4j.wire.WirePathWarmUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each command as one string marker holding the command as JSON on an irregular-rate, 1-channel
 * "Markers" LSL stream, so LabRecorder records stimulation next to the EEG. The marker is stamped with the time it
 * is pushed (LSL clock), which is also the acknowledged send time.
 */
public final class LslMarkerTransport implements StimulationTransport {
    private static final Logger LOG = LoggerFactory.getLogger(LslMarkerTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_NAME = "NeuroLoop-Stim";
    public static final String TYPE = "Markers";

    private final LslOutlet outlet;

    /**
     * @param streamName LSL stream name
     * @param sourceId LSL source id (lets recorders reconnect to a restarted job)
     */
    public LslMarkerTransport(String streamName, String sourceId) {
        this(streamName, sourceId, LslConfig.current());
    }

    /** As {@link #LslMarkerTransport(String, String)} under the LSL settings {@code cfg}. */
    public LslMarkerTransport(String streamName, String sourceId, LslConfig cfg) {
        try (StreamInfo info =
                StreamInfo.create(streamName, TYPE, 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, sourceId)) {
            info.desc().appendChildValue("encoding", "application/json; StimulationCommand");
            this.outlet = new WireOutlet(info, 360, cfg);
        }
        LOG.info("LSL marker output '{}' (source id '{}') open", streamName, sourceId);
    }

    /** The JSON text of a command's marker. */
    public static String json(StimulationCommand cmd) {
        try {
            return JSON.writeValueAsString(cmd);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write command " + cmd.id() + " as JSON", e);
        }
    }

    /** Reads a marker back into a command. */
    public static StimulationCommand parse(String json) throws IOException {
        return JSON.readValue(json, StimulationCommand.class);
    }

    /** Waits up to {@code timeoutSeconds} for a consumer (recorder, test inlet); true if one is connected. */
    public boolean waitForConsumers(double timeoutSeconds) {
        return outlet.waitForConsumers(timeoutSeconds);
    }

    /** Command-to-JSON conversions {@link #warmUp()} runs. */
    static final int WARM_UP_ROUNDS = 20_000;

    /**
     * Formats a dummy command {@value #WARM_UP_ROUNDS} times (Jackson's path takes ~0.2 ms per marker while cold) and,
     * runs the marker data path through a private outlet/inlet pair ({@link WirePathWarmUp}).
     */
    @Override
    public void warmUp() {
        WirePathWarmUp.once(ChannelFormat.STRING);
        StimulationCommand dummy =
                new StimulationCommand("warm-up#0", "warm-up", "pulse", "warm-up", 1.0, 0.5, 1000.0, 1000.0, false);
        int length = 0;
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            length += json(dummy).length();
        }
        LOG.debug("LSL marker output warmed up ({} characters formatted)", length);
    }

    @Override
    public String name() {
        return "lsl";
    }

    @Override
    public double deliver(StimulationCommand command) {
        String text = json(command);
        double t = LslClock.now();
        outlet.pushMarker(text, t);
        return t;
    }

    @Override
    public void close() {
        outlet.close();
    }
}
