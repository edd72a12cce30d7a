package org.neuroloop.deploy.dashboard;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.neuroloop.dsp.record.Chunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's view of the filtered chunks: per session, cumulative counts (samples, chunks, flagged chunks, the
 * flags seen) and a trace of the first channels decimated to about {@link #TRACE_RATE} Hz, sent as one JSON
 * datagram to 127.0.0.1:{@code port} every {@link #PERIOD_MS} ms. UDP on loopback reaches the CLI process that
 * serves the page whether the job runs embedded or on TaskManagers of the standalone cluster; counts are totals,
 * so a lost datagram loses only a piece of trace.
 *
 * <p>It sits in the job's chain beside the detector, so the job's task thread only copies a few numbers per chunk
 * into a preallocated {@link SessionTrace} and allocates nothing; a sender thread of its own formats the JSON and
 * sends it, at the bounded rate of one datagram per session and period. An operator without output rather than a
 * {@code Sink}: Flink's sink writer operator allocates on every record.
 */
public final class MonitorFeed extends AbstractStreamOperator<Void> implements OneInputStreamOperator<Chunk, Void> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MonitorFeed.class);
    static final int PERIOD_MS = 100;
    static final double TRACE_RATE = 125;
    static final int MAX_CHANNELS = 4;
    private final int port;
    private transient DatagramSocket socket;
    private transient InetAddress loopback;
    private transient Map<String, SessionTrace> sessions;
    private transient SessionTrace.Snapshot snapshot;
    private transient StringBuilder text;
    private transient Thread sender;
    private transient volatile boolean running;

    public MonitorFeed(int port) {
        this.port = port;
    }

    /** Attaches the feed to {@code chunks}: an operator with no output, chained beside the detector. */
    public static void attach(DataStream<Chunk> chunks, int port) {
        chunks.transform("dashboard traces", Types.VOID, new MonitorFeed(port)).uid("dashboard-chunks");
    }

    @Override
    public void open() throws Exception {
        super.open();
        loopback = InetAddress.getLoopbackAddress();
        socket = new DatagramSocket(0, loopback);
        sessions = new ConcurrentHashMap<>();
        snapshot = new SessionTrace.Snapshot(MAX_CHANNELS);
        text = new StringBuilder(8192);
        running = true;
        sender = new Thread(
                this::sendPeriodically,
                "dashboard-feed-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void processElement(StreamRecord<Chunk> element) {
        Chunk c = element.getValue();
        SessionTrace s = sessions.get(c.sessionId());
        if (s == null) {
            s = sessions.computeIfAbsent(
                    c.sessionId(),
                    id -> new SessionTrace(
                            id, c.nominalRate(), TRACE_RATE, Math.min(MAX_CHANNELS, c.channels()), PERIOD_MS));
        }
        s.add(c);
    }

    private void sendPeriodically() {
        long period = TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
        long next = System.nanoTime() + period;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            next += period;
            try {
                sendAll(false);
            } catch (IOException e) {
                if (running) {
                    LOG.warn("dashboard feed: {}", e.toString());
                }
            }
        }
    }

    /** Sends every session with news (all of them when {@code always}); one caller at a time. */
    private synchronized void sendAll(boolean always) throws IOException {
        for (SessionTrace s : sessions.values()) {
            if (s.takeSnapshot(snapshot) || always) {
                text.setLength(0);
                snapshot.appendJson(text, System.nanoTime() * 1e-9);
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(bytes, bytes.length, loopback, port));
            }
        }
    }

    @Override
    public void finish() throws Exception {
        sendAll(true);
        super.finish();
    }

    @Override
    public void close() throws Exception {
        running = false;
        if (sender != null) {
            sender.interrupt();
            sender.join(1000);
        }
        if (socket != null) {
            sendAll(true);
            socket.close();
        }
        super.close();
    }
}
