package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --dashboard} through the real command line: it prints the page's address with the control token,
 * and when the replay has ended the dashboard, which stays up until interrupted, shows the replay's own counts.
 */
class ReplayDashboardTest {
    static final Pattern ADDRESS = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+)/)#token=([0-9a-f]+)");

    @TempDir
    Path dir;

    @Test
    void replayServesItsCountsOnTheDashboardUntilInterrupted() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Thread command = new Thread(() -> NeuroLoopCli.commandLine()
                .execute(
                        "replay",
                        MiCommandsTest.R04,
                        "--pipeline",
                        "spindles",
                        "--chunk",
                        "0.5",
                        "--out",
                        dir.resolve("ev.jsonl").toString(),
                        "--json",
                        "--dashboard=0"));
        System.setOut(out);
        try {
            command.start();
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!text(buffer).contains("dashboard stays up")) {
                assertTrue(command.isAlive(), "replay ended: " + text(buffer));
                assertTrue(System.nanoTime() < deadline, "replay did not end: " + text(buffer));
                Thread.sleep(100);
            }
        } finally {
            System.setOut(oldOut);
        }
        String printed = text(buffer);
        Matcher m = ADDRESS.matcher(printed);
        assertTrue(m.find(), "no dashboard address with a token: " + printed);
        JsonNode summary = new ObjectMapper()
                .readTree(printed.lines()
                        .filter(l -> l.startsWith("{"))
                        .findFirst()
                        .orElseThrow());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode board = null;
        for (int i = 0; i < 100; i++) {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(m.group(1) + "api/sessions"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            board = new ObjectMapper().readTree(body).get(0);
            if (board.path("samples").asLong() == summary.get("samples").asLong()) {
                break;
            }
            Thread.sleep(100); // the feed's last counts follow the job's end within its 0.1 s period
        }
        assertEquals(summary.get("samples").asLong(), board.path("samples").asLong(), board.toString());
        assertEquals(summary.get("chunks").asLong(), board.path("chunks").asLong(), board.toString());
        assertEquals(
                summary.get("detections").asLong(), board.path("detections").asLong(), board.toString());
        assertEquals(
                summary.get("stimulations").asLong(), board.path("stimulations").asLong(), board.toString());
        assertTrue(summary.get("stimulations").asLong() > 0, summary.toString());
        command.interrupt();
        command.join(10_000);
        assertTrue(!command.isAlive(), "the dashboard did not stop on interrupt");
    }

    private static String text(ByteArrayOutputStream buffer) {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
