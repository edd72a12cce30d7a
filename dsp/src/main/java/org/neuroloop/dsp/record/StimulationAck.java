package org.neuroloop.dsp.record;

import java.util.Objects;

/**
 * An output's report that it delivered (or refused) a command.
 *
 * @param commandId the command's id
 * @param sessionId session key
 * @param output output name ("lsl", "udp", "serial", "audio", "log")
 * @param sentTime LSL-clock time at which the output actually sent, seconds
 * @param latencySeconds sentTime minus the command's causeTimestamp
 * @param ok false when delivery failed; {@code detail} says why
 * @param detail free text (error, duplicate, sham)
 */
public record StimulationAck(
        String commandId,
        String sessionId,
        String output,
        double sentTime,
        double latencySeconds,
        boolean ok,
        String detail) {
    public StimulationAck {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(output, "output");
    }
}
