package org.neuroloop.closedloop.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers commands through one {@link StimulationTransport} and reports each as a {@link StimulationAck}: sent time
 * on the LSL clock and latency = sent time &minus; the causing sample's timestamp. A command whose id was already
 * handled (a replay after a restart; ids delivered before it are given with {@link #alreadyDelivered}) is not
 * delivered again; a sham command is acknowledged without delivery; with a {@link DeliveryGuard} a command past it is
 * dropped ({@code "stale"}) and logged. Optionally every command and acknowledgement goes to a
 * {@link JsonlStimulationLog}.
 */
public final class StimulationOutput implements AutoCloseable {
    /** Log lines formatted at open so the JIT has compiled the formatting ({@link JsonlStimulationLog#warmUp}). */
    static final int LOG_WARM_UP_ROUNDS = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(StimulationOutput.class);
    /** Ids remembered for duplicate suppression; far more than a session's budget. */
    public static final int DEFAULT_DEDUP_CAPACITY = 65_536;

    private final StimulationTransport transport;
    private final JsonlStimulationLog log;
    private final RecentIds seen;
    private final DeliveryGuard guard;

    /**
     * @param transport how to deliver
     * @param log where to record commands and acknowledgements, or null; its past entries seed the duplicate filter
     */
    public StimulationOutput(StimulationTransport transport, JsonlStimulationLog log) {
        this(transport, log, null);
    }

    /**
     * @param transport how to deliver
     * @param log where to record commands and acknowledgements, or null; its past entries seed the duplicate filter
     * @param guard drops commands that went stale before delivery (live sessions), or null (replay)
     */
    public StimulationOutput(StimulationTransport transport, JsonlStimulationLog log, DeliveryGuard guard) {
        this.guard = guard;
        this.transport = Objects.requireNonNull(transport, "transport");
        transport.warmUp();
        if (log != null) {
            try {
                JsonlStimulationLog.warmUp(LOG_WARM_UP_ROUNDS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot format stimulation log lines", e);
            }
        }
        this.log = log;
        this.seen = new RecentIds(DEFAULT_DEDUP_CAPACITY);
        if (log != null) {
            log.deliveredIds(transport.name()).forEach(seen::add);
        }
    }

    public StimulationOutput(StimulationTransport transport) {
        this(transport, null);
    }

    /** Marks ids as handled before this output opened (restored from a checkpoint or journal). */
    public void alreadyDelivered(Iterable<String> ids) {
        ids.forEach(seen::add);
    }

    public String name() {
        return transport.name();
    }

    /** Delivers (or refuses) one command and returns its acknowledgement; never throws for a failed delivery. */
    public StimulationAck deliver(StimulationCommand cmd) throws IOException {
        // The log is written after delivery: a file write must not delay the stimulus.
        StimulationAck ack;
        if (!seen.add(cmd.id())) {
            double now = LslClock.now();
            ack = new StimulationAck(
                    cmd.id(), cmd.sessionId(), transport.name(), now, now - cmd.causeTimestamp(), false, "duplicate");
            LOG.debug("dropped duplicate command {}", cmd.id());
        } else if (guard != null && guard.stale(cmd, LslClock.now())) {
            double now = LslClock.now();
            ack = new StimulationAck(
                    cmd.id(), cmd.sessionId(), transport.name(), now, now - cmd.causeTimestamp(), false, "stale");
            LOG.warn(
                    "output {} dropped command {}: stale ({} s after its cause)",
                    transport.name(),
                    cmd.id(),
                    String.format("%.3f", now - cmd.causeTimestamp()));
        } else if (cmd.sham()) {
            double now = LslClock.now();
            ack = new StimulationAck(
                    cmd.id(), cmd.sessionId(), transport.name(), now, now - cmd.causeTimestamp(), true, "sham");
        } else {
            try {
                double sent = transport.deliver(cmd);
                ack = new StimulationAck(
                        cmd.id(), cmd.sessionId(), transport.name(), sent, sent - cmd.causeTimestamp(), true, "sent");
            } catch (IOException | RuntimeException e) {
                double now = LslClock.now();
                LOG.warn("output {} failed to deliver command {}: {}", transport.name(), cmd.id(), e.toString());
                ack = new StimulationAck(
                        cmd.id(),
                        cmd.sessionId(),
                        transport.name(),
                        now,
                        now - cmd.causeTimestamp(),
                        false,
                        "error: " + e.getMessage());
            }
        }
        if (log != null) {
            log.command(cmd);
            log.ack(ack);
        }
        return ack;
    }

    @Override
    public void close() throws IOException {
        try {
            transport.close();
        } finally {
            if (log != null) {
                log.close();
            }
        }
    }
}
