package org.neuroloop.deploy.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the job's monitor datagrams on 127.0.0.1 (an ephemeral port), updates the {@link SessionBoards} and
 * passes each message on (to the page's event stream). Runs on its own daemon thread until closed.
 */
final class MonitorReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorReceiver.class);
    private final DatagramSocket socket;
    private final SessionBoards boards;
    private final Consumer<String> forward;
    private final ObjectMapper json = new ObjectMapper();
    private final Thread thread;

    MonitorReceiver(SessionBoards boards, Consumer<String> forward) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.socket.setReceiveBufferSize(1 << 22);
        this.boards = boards;
        this.forward = forward;
        this.thread = new Thread(this::loop, "dashboard-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void loop() {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                apply(json.readTree(text));
                forward.accept(text);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("dashboard monitor: {}", e.toString());
                }
            }
        }
    }

    private void apply(JsonNode m) {
        SessionBoard b = boards.of(m.path("session").asText());
        switch (m.path("type").asText()) {
            case "chunks" ->
                b.chunks(
                        m.path("samples").asLong(),
                        m.path("chunks").asLong(),
                        m.path("flagged").asLong(),
                        m.path("flags").asInt(),
                        m.path("lastFlags").asInt(),
                        m.path("lastTimestamp").asDouble());
            case "event" -> b.detection(m.path("count").asLong());
            case "prediction" -> b.prediction(m.path("count").asLong());
            case "command" ->
                b.stimulation(m.path("count").asLong(), m.path("latencyMicros").asLong(), boards.live());
            default -> LOG.debug("dashboard monitor: unknown message {}", m.path("type"));
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
