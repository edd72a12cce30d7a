package org.neuroloop.closedloop.output;

import java.io.IOException;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * One physical way to deliver a stimulus (LSL marker, OSC datagram, serial TTL pulse, audio burst). Implementations
 * only deliver; duplicate suppression, sham handling and acknowledgements live in {@link StimulationOutput}.
 */
public interface StimulationTransport extends AutoCloseable {

    /** Short output name used in acknowledgements: "lsl", "udp", "serial", "audio", "log". */
    String name();

    /**
     * Delivers one command now.
     *
     * @return LSL time (seconds, {@link LslClock}) at which the stimulus actually went out, e.g. right after the
     *         datagram was handed to the kernel or the first audio frames to the sound device
     * @throws IOException if delivery failed
     */
    double deliver(StimulationCommand command) throws IOException;

    /**
     * Runs what {@link #deliver} does before sending (formatting, encoding) many times on a dummy command without
     * sending anything, so the JIT has compiled it before the first real command: stimulation is rare, and a cold
     * formatting path costs a fraction of a millisecond. Called once after opening; the default does nothing.
     */
    default void warmUp() {}

    @Override
    void close() throws IOException;
}
