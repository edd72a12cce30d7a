package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.closedloop.output.OscMessage;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;

/**
 * Every stream can go somewhere: detected events routed from YAML to a JSONL file and, with the commands, to OSC
 * over UDP, next to the commands' own JSONL log; what arrives is what the job computed.
 */
class OutputRoutingTest {
    @TempDir
    Path dir;

    @Test
    void eventsAndCommandsReachTheOutputsTheConfigRoutesThemTo() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(200);
            String yaml = """
                    name: routing
                    sessions:
                      - id: s
                        synthetic: {scenario: spindles, labels: [C3, C4, Cz], rate: 250, seconds: 90, seed: 5, speed: max}
                    pipeline:
                      filters: [{type: highpass, low: 0.3, order: 2}]
                      detector: {type: spindles, channel: Cz}
                      policy: {refractorySeconds: 2.0}
                    outputs:
                      - {jsonl: {path: %1$s/events.jsonl}, streams: [events]}
                      - {udp: {port: %2$d}, streams: [events, commands]}
                      - jsonl: {path: %1$s/commands.jsonl}
                    flink: {parallelism: 1}
                    """.formatted(dir, socket.getLocalPort());
            ResolvedConfig config =
                    new ConfigResolver("routing.yaml", dir).resolve(SessionConfigLoader.parse(yaml, "routing.yaml"));
            List<OscMessage> received = new CopyOnWriteArrayList<>();
            Thread receiver = new Thread(
                    () -> {
                        byte[] buf = new byte[65536];
                        while (!Thread.currentThread().isInterrupted()) {
                            DatagramPacket p = new DatagramPacket(buf, buf.length);
                            try {
                                socket.receive(p);
                                received.add(OscMessage.decode(p.getData(), p.getLength()));
                            } catch (SocketTimeoutException e) {
                                // poll the interrupt flag
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "osc-receiver");
            receiver.start();
            JobEvents out = LocalRun.run(
                    NeuroLoopJob.fromConfig(config), StreamExecutionEnvironment.getExecutionEnvironment(), "routing");
            Thread.sleep(500);
            receiver.interrupt();
            receiver.join();

            assertTrue(
                    out.events().size() >= 4 && !out.commands().isEmpty(),
                    "the run must detect and stimulate: " + out.events());
            ObjectMapper json = new ObjectMapper();
            List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
            assertEquals(out.events().size(), lines.size(), "one JSON line per detected event");
            JsonNode first = json.readTree(lines.get(0));
            assertEquals("events", first.path("type").asText());
            assertTrue(first.has("kind") && first.has("firedAt"), first.toString());
            long eventDatagrams = received.stream()
                    .filter(m -> m.address().equals("/neuroloop/stim/events"))
                    .count();
            long commandDatagrams = received.stream()
                    .filter(m -> m.address().equals("/neuroloop/stim"))
                    .count();
            assertEquals(out.events().size(), eventDatagrams, "every event as OSC");
            assertEquals(out.commands().size(), commandDatagrams, "every command as OSC");
            long logged = Files.readAllLines(dir.resolve("commands.jsonl")).stream()
                    .filter(l -> l.contains("\"type\":\"command\""))
                    .count();
            assertEquals(out.commands().size(), logged, "the commands' JSONL log");
        }
    }
}
