package org.neuroloop.closedloop.output.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.closedloop.output.OscMessage;
import org.neuroloop.closedloop.output.OscUdpTransport;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;

/** The Sink V2 and the acknowledging function in a real local Flink job, delivering over real UDP. */
class StimulationSinkTest {
    @TempDir
    Path dir;

    static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // no Kryo fallback for the records
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.setBufferTimeout(0);
        return env;
    }

    static List<StimulationCommand> commands() {
        return List.of(
                new StimulationCommand("S#0", "S", "pulse", "spindle", 50, 40, 10.0, 10.0, false),
                new StimulationCommand("S#0", "S", "pulse", "spindle", 50, 40, 10.0, 10.0, false), // replayed duplicate
                new StimulationCommand("S#1", "S", "pulse", "spindle", 55, 40, 13.0, 13.0, true), // sham
                new StimulationCommand("S#2", "S", "pulse", "spindle", 60, 40, 16.0, 16.0, false));
    }

    static List<String> receiveIds(DatagramSocket socket, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        byte[] buf = new byte[1500];
        for (int i = 0; i < n; i++) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            ids.add((String)
                    OscMessage.decode(p.getData(), p.getLength()).arguments().get(0));
        }
        return ids;
    }

    @Test
    void sinkDeliversEachCommandOnceAndLogsEveryAck() throws Exception {
        Path log = dir.resolve("stim.jsonl");
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(10_000);
            StreamExecutionEnvironment env = env();
            env.fromData(commands())
                    .sinkTo(new StimulationSink(
                            new TransportSpec.OscUdp(
                                    "127.0.0.1", socket.getLocalPort(), OscUdpTransport.DEFAULT_ADDRESS),
                            log.toString()));
            env.execute("stim-sink-test");
            assertEquals(List.of("S#0", "S#2"), receiveIds(socket, 2), "sham and duplicate not sent");
            socket.setSoTimeout(200);
            assertTrue(assertNoMore(socket));
        }
        List<JsonNode> lines = JsonlStimulationLog.readAll(log);
        assertEquals(8, lines.size(), "4 commands, 4 acks");
        List<String> details = lines.stream()
                .filter(n -> n.get("type").asText().equals("ack"))
                .map(n -> n.get("detail").asText())
                .toList();
        assertEquals(List.of("sent", "duplicate", "sham", "sent"), details);
    }

    private static boolean assertNoMore(DatagramSocket socket) throws Exception {
        try {
            socket.receive(new DatagramPacket(new byte[1500], 1500));
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        }
    }

    @Test
    void deliveryFunctionEmitsAcknowledgementsWithLatency() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(10_000);
            StreamExecutionEnvironment env = env();
            DataStream<StimulationAck> acks = env.fromData(commands())
                    .process(new StimulationDeliveryFunction(
                            new TransportSpec.OscUdp(
                                    "127.0.0.1", socket.getLocalPort(), OscUdpTransport.DEFAULT_ADDRESS),
                            null));
            List<StimulationAck> got = new ArrayList<>();
            try (CloseableIterator<StimulationAck> it = acks.executeAndCollect()) {
                it.forEachRemaining(got::add);
            }
            assertEquals(
                    List.of("S#0", "S#0", "S#1", "S#2"),
                    got.stream().map(StimulationAck::commandId).toList());
            StimulationAck last = got.get(3);
            assertTrue(last.ok() && last.output().equals("udp"));
            assertEquals(last.sentTime() - 16.0, last.latencySeconds(), 1e-12);
            assertEquals(List.of("S#0", "S#2"), receiveIds(socket, 2));
        }
    }
}
