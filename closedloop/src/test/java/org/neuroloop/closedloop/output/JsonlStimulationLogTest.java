package org.neuroloop.closedloop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.dsp.record.StimulationCommand;

class JsonlStimulationLogTest {
    @TempDir
    Path dir;

    @Test
    void logsEveryCommandAndAckAndSkipsWhatWasSentBeforeARestart() throws Exception {
        Path file = dir.resolve("log/stim.jsonl");
        StimulationCommand a = new StimulationCommand("S#0", "S", "pulse", "spindle", 40, 30, 100.0, 100.0, false);
        StimulationCommand b = new StimulationCommand("S#1", "S", "pulse", "spindle", 41, 30, 103.0, 103.0, false);
        try (DatagramSocket sink = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            try (StimulationOutput out =
                    new StimulationOutput(new OscUdpTransport(sink.getLocalPort()), new JsonlStimulationLog(file))) {
                assertTrue(out.deliver(a).ok());
            }
            // restart: the same log, the replayed command a and the new command b
            try (StimulationOutput out =
                    new StimulationOutput(new OscUdpTransport(sink.getLocalPort()), new JsonlStimulationLog(file))) {
                assertFalse(out.deliver(a).ok(), "a was delivered before the restart");
                assertTrue(out.deliver(b).ok());
            }
        }
        List<JsonNode> lines = JsonlStimulationLog.readAll(file);
        assertEquals(6, lines.size());
        assertEquals(
                List.of("command", "ack", "command", "ack", "command", "ack"),
                lines.stream().map(n -> n.get("type").asText()).toList());
        assertEquals("S#0", lines.get(0).get("id").asText());
        assertEquals(40.0, lines.get(0).get("value").asDouble());
        assertEquals("duplicate", lines.get(3).get("detail").asText());
        assertEquals("S#1", lines.get(5).get("commandId").asText());
        assertTrue(lines.get(5).get("ok").asBoolean());
        double latency = lines.get(5).get("latencySeconds").asDouble();
        assertEquals(lines.get(5).get("sentTime").asDouble() - 103.0, latency, 1e-9);
    }

    @Test
    void badLineIsReportedWithFileAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"type\":\"ack\"}\nnot json\n");
        Exception e = Assertions.assertThrows(UncheckedIOException.class, () -> JsonlStimulationLog.readAll(file));
        assertTrue(e.getMessage().contains(file + " line 2"), e.getMessage());
    }
}
