package org.neuroloop.bench.latency;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.neuroloop.closedloop.output.LslMarkerTransport;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.thread.RealtimeThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stimulation device of the {@link ClosedLoopLatencyBenchmark}: receives the job's markers and stamps them. */
public final class MarkerReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(MarkerReceiver.class);

    /** A marker as the receiving inlet saw it. */
    record Received(double time, String id, double cause) {}

    /**
     * System property: true leaves the benchmark's own amplifier and stimulator threads off the decision path's CPU
     * (they stay at real-time priority), as programs outside NeuroLoop would be unless their user pins them too.
     */
    public static final String FREE_PEERS = "neuroloop.bench.free-peers";

    private MarkerReceiver() {}

    /** Raises the calling stand-in for an outside program; pinned with the decision path unless {@link #FREE_PEERS}. */
    static void raisePeerThread() {
        RealtimeThreads.raiseCurrentThread(!Boolean.getBoolean(FREE_PEERS));
    }

    /**
     * Receives markers like a stimulation device would: waiting pulls ({@code pollMicros == 0}, a wire inlet), or
     * non-waiting pulls with short parks in between, because a waiting pull in liblsl 1.10 polls its queue only
     * every 1 ms.
     */
    static void receive(LslInlet inlet, List<Received> received, int pollMicros) {
        String[] label = new String[1];
        double[] ts = new double[1];
        double timeout = pollMicros == 0 ? 0.1 : 0.0;
        raisePeerThread();
        try (inlet) {
            while (!Thread.currentThread().isInterrupted()) {
                int n = inlet.pullStrings(label, ts, timeout);
                double now = Lsl.localClock();
                if (n == 0 && pollMicros > 0) {
                    LockSupport.parkNanos(pollMicros * 1000L);
                } else if (n > 0) {
                    try {
                        StimulationCommand cmd = LslMarkerTransport.parse(label[0]);
                        synchronized (received) {
                            received.add(new Received(now, cmd.id(), cmd.causeTimestamp()));
                        }
                    } catch (IOException e) {
                        LOG.warn("bench latency: unreadable marker '{}': {}", label[0], e.getMessage());
                    }
                }
            }
        } catch (LslLostException e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.warn("bench latency: the job's marker stream was lost before the end: {}", e.getMessage());
            }
        }
    }
}
