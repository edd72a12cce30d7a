package org.neuroloop.deploy.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The dashboard's view of a rare result stream (detected events, predictions or stimulation commands): every record
 * as one JSON datagram {@code {"type":..,"session":..,"count":n,"record":{..}}} to 127.0.0.1:{@code port}, with the
 * session's running count so the receiver's totals survive a lost datagram. A command also carries its latency,
 * the LSL clock now minus its causing sample, measured here right after the policy.
 */
public final class MonitorRecords<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final int port;
    private final String type;
    private final SessionOf<T> session;

    /** How to read the session id of a record. */
    @FunctionalInterface
    public interface SessionOf<T> extends Serializable {
        String of(T record);
    }

    public MonitorRecords(int port, String type, SessionOf<T> session) {
        this.port = port;
        this.type = type;
        this.session = session;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> counts = new HashMap<>();
        return new SinkWriter<>() {
            @Override
            public void write(T record, Context ctx) throws IOException {
                double now = System.nanoTime() * 1e-9;
                String id = session.of(record);
                long count = counts.merge(id, 1L, Long::sum);
                ObjectNode m = json.createObjectNode();
                m.put("type", type).put("session", id).put("count", count);
                if (record instanceof StimulationCommand c) {
                    m.put("latencyMicros", Math.round((now - c.causeTimestamp()) * 1e6));
                }
                m.set("record", json.valueToTree(record));
                byte[] bytes = json.writeValueAsBytes(m);
                socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
