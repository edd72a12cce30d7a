package org.neuroloop.closedloop.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Append-only JSON-lines audit log: one line per command ({@code "type":"command"}) and per acknowledgement
 * ({@code "type":"ack"}), each flushed as written so a crash loses at most the line being written. Reopening an
 * existing log keeps its lines; {@link #deliveredIds(String)} lets an output skip commands it already delivered
 * before a restart.
 */
public final class JsonlStimulationLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;

    /** Opens (creating parent folders) or appends to {@code file}. */
    public JsonlStimulationLog(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        Path parent = this.file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(
                this.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    public synchronized void command(StimulationCommand cmd) throws IOException {
        writeLine(line(cmd));
    }

    public synchronized void ack(StimulationAck ack) throws IOException {
        writeLine(line(ack));
    }

    /** The log line of a command (without the newline). */
    static String line(StimulationCommand cmd) throws IOException {
        ObjectNode n = JSON.createObjectNode().put("type", "command");
        n.setAll((ObjectNode) JSON.valueToTree(cmd));
        return JSON.writeValueAsString(n);
    }

    /** The log line of an acknowledgement (without the newline). */
    static String line(StimulationAck ack) throws IOException {
        ObjectNode n = JSON.createObjectNode().put("type", "ack");
        n.setAll((ObjectNode) JSON.valueToTree(ack));
        return JSON.writeValueAsString(n);
    }

    /**
     * Formats a dummy command and acknowledgement {@code rounds} times without writing them, so the JIT has compiled
     * the formatting before the first real line: the log is written right after each stimulus, on the thread that
     * delivers the next one, and while cold it took most of a millisecond per command.
     */
    public static void warmUp(int rounds) throws IOException {
        StimulationCommand cmd =
                new StimulationCommand("warm-up#0", "warm-up", "pulse", "warm-up", 1.0, 0.5, 1000.0, 1000.0, false);
        StimulationAck ack = new StimulationAck("warm-up#0", "warm-up", "lsl", 1000.001, 0.001, true, "sent");
        for (int i = 0; i < rounds; i++) {
            line(cmd);
            line(ack);
        }
    }

    private void writeLine(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    /** Ids of commands the named output acknowledged as sent or sham in this log. */
    public synchronized Set<String> deliveredIds(String output) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode n : readAll(file)) {
            if ("ack".equals(n.path("type").asText())
                    && output.equals(n.path("output").asText())
                    && n.path("ok").asBoolean()) {
                ids.add(n.path("commandId").asText());
            }
        }
        return ids;
    }

    /**
     * Reads every line of a log.
     *
     * @throws UncheckedIOException naming the file and line if a line is not a JSON object
     */
    public static List<JsonNode> readAll(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            ArrayList<JsonNode> nodes = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IOException(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")", e);
                }
                if (!n.isObject()) {
                    throw new IOException(
                            file + " line " + (i + 1) + ": expected a JSON object, got " + n.getNodeType());
                }
                nodes.add(n);
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
