package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code neuroloop synth} publishes a bounded session through the real liblsl (loopback) and reports its counts. */
class SynthCommandTest {

    @Test
    @Timeout(60)
    void publishesABoundedSessionAndReportsIt() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new SynthCommand())
                    .execute(
                            "--scenario",
                            "mi",
                            "--channels",
                            "4",
                            "--rate",
                            "100",
                            "--seconds",
                            "1",
                            "--json",
                            "--source-id",
                            "nl-synth-cli-" + UUID.randomUUID().toString().substring(0, 8));
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code);
        String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode info = mapper.readTree(lines[0]);
        assertEquals("C3", info.get("channels").get(0).asText());
        assertEquals(4, info.get("channels").size());
        JsonNode done = mapper.readTree(lines[lines.length - 1]);
        assertEquals(100, done.get("samples_pushed").asLong());
    }

    @Test
    void rejectsAnUnknownScenario() {
        assertEquals(2, new CommandLine(new SynthCommand()).execute("--scenario", "awake", "--seconds", "1"));
    }
}
