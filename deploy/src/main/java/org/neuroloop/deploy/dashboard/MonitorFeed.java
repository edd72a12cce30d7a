package org.neuroloop.deploy.dashboard;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/**
 * The dashboard's view of the filtered chunks: per session, cumulative counts (samples, chunks, flagged chunks, the
 * flags seen) and a trace of the first channels decimated to about {@link #TRACE_RATE} Hz, sent as one JSON
 * datagram to 127.0.0.1:{@code port} every {@link #PERIOD_MS} ms. UDP on loopback reaches the CLI process that
 * serves the page whether the job runs embedded or on TaskManagers of the standalone cluster; counts are totals,
 * so a lost datagram loses only a piece of trace. It formats only the kept samples (a few per chunk), off the
 * decision path: the sink sits after the chunks leave the filter, beside the detector.
 */
public final class MonitorFeed implements Sink<Chunk> {
    private static final long serialVersionUID = 1L;
    static final int PERIOD_MS = 100;
    static final double TRACE_RATE = 125;
    static final int MAX_CHANNELS = 4;
    private final int port;

    public MonitorFeed(int port) {
        this.port = port;
    }

    @Override
    public SinkWriter<Chunk> createWriter(WriterInitContext context) throws IOException {
        return new Writer(port);
    }

    /** One session's counts and the trace not yet sent. */
    private static final class SessionTrace {
        final String id;
        long samples;
        long chunks;
        long flagged;
        int flags;
        int lastFlags;
        double lastTimestamp;
        double rate;
        int step = 1;
        long seq;
        final StringBuilder time = new StringBuilder(1024);
        final StringBuilder[] values = new StringBuilder[MAX_CHANNELS];
        int channels;

        SessionTrace(String id) {
            this.id = id;
            for (int c = 0; c < MAX_CHANNELS; c++) {
                values[c] = new StringBuilder(1024);
            }
        }
    }

    private static final class Writer implements SinkWriter<Chunk> {
        private final DatagramSocket socket;
        private final InetAddress loopback = InetAddress.getLoopbackAddress();
        private final int port;
        private final Map<String, SessionTrace> sessions = new HashMap<>();
        private long nextSend;

        Writer(int port) throws IOException {
            this.port = port;
            this.socket = new DatagramSocket(0, loopback);
        }

        @Override
        public void write(Chunk c, Context ctx) throws IOException {
            SessionTrace s = sessions.get(c.sessionId());
            if (s == null) {
                s = new SessionTrace(c.sessionId());
                s.rate = c.nominalRate();
                s.step = Math.max(1, (int) Math.round(c.nominalRate() / TRACE_RATE));
                s.channels = Math.min(MAX_CHANNELS, c.channels());
                sessions.put(c.sessionId(), s);
            }
            int n = c.length();
            for (int i = 0; i < n; i++) {
                if ((s.seq + i) % s.step == 0) {
                    s.time.append(String.format(Locale.ROOT, "%.4f", c.timestamps()[i]))
                            .append(',');
                    for (int ch = 0; ch < s.channels; ch++) {
                        s.values[ch]
                                .append(String.format(Locale.ROOT, "%.2f", c.sample(i, ch)))
                                .append(',');
                    }
                }
            }
            s.seq += n;
            s.samples += n;
            s.chunks++;
            if (ChunkFlags.isBad(c.flags())) {
                s.flagged++;
                s.flags |= c.flags();
            }
            s.lastFlags = c.flags();
            s.lastTimestamp = c.lastTimestamp();
            long now = System.currentTimeMillis();
            if (now >= nextSend) {
                nextSend = now + PERIOD_MS;
                sendAll();
            }
        }

        private void sendAll() throws IOException {
            for (SessionTrace s : sessions.values()) {
                send(s);
            }
        }

        private void send(SessionTrace s) throws IOException {
            StringBuilder b = new StringBuilder(256 + s.time.length() * (s.channels + 1));
            b.append("{\"type\":\"chunks\",\"session\":")
                    .append(Json.quote(s.id))
                    .append(",\"samples\":")
                    .append(s.samples)
                    .append(",\"chunks\":")
                    .append(s.chunks)
                    .append(",\"flagged\":")
                    .append(s.flagged)
                    .append(",\"flags\":")
                    .append(s.flags)
                    .append(",\"lastFlags\":")
                    .append(s.lastFlags)
                    .append(",\"rate\":")
                    .append(s.rate)
                    .append(",\"lastTimestamp\":")
                    .append(s.lastTimestamp)
                    .append(",\"sentAt\":")
                    .append(System.nanoTime() * 1e-9)
                    .append(",\"t\":[")
                    .append(trim(s.time))
                    .append("],\"ch\":[");
            for (int ch = 0; ch < s.channels; ch++) {
                b.append(ch == 0 ? "[" : ",[").append(trim(s.values[ch])).append(']');
                s.values[ch].setLength(0);
            }
            b.append("]}");
            s.time.setLength(0);
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, loopback, port));
        }

        private static CharSequence trim(StringBuilder b) {
            return b.length() == 0 ? "" : b.subSequence(0, b.length() - 1);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (endOfInput) {
                sendAll();
            }
        }

        @Override
        public void close() throws IOException {
            sendAll();
            socket.close();
        }
    }
}
