package org.neuroloop.deploy.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * What a finished job decided: predictions, detected events and stimulation commands, in a canonical order
 * (session, then the timestamp of the causing sample, then kind and id) so two runs over the same data compare
 * equal line by line.
 */
public record JobEvents(
        List<Prediction> predictions,
        List<DetectedEvent> events,
        List<StimulationCommand> commands,
        long chunks,
        long samples) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One JSON object per line, {@code "type"} first: "prediction", "event" or "command". */
    public void writeJsonl(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (ObjectNode line : lines()) {
                w.write(line.toString());
                w.newLine();
            }
        }
    }

    /** The events as JSON objects in canonical order. */
    public List<ObjectNode> lines() {
        record Line(String session, double time, int kind, String id, ObjectNode json) {}
        List<Line> all = new ArrayList<>();
        for (Prediction p : predictions) {
            ObjectNode o = typed("prediction");
            o.setAll((ObjectNode) JSON.valueToTree(p));
            all.add(new Line(p.sessionId(), p.timestamp(), 0, "", o));
        }
        for (DetectedEvent e : events) {
            ObjectNode o = typed("event");
            o.setAll((ObjectNode) JSON.valueToTree(e));
            all.add(new Line(e.sessionId(), e.firedAt(), 1, e.kind(), o));
        }
        for (StimulationCommand c : commands) {
            ObjectNode o = typed("command");
            o.setAll((ObjectNode) JSON.valueToTree(c));
            all.add(new Line(c.sessionId(), c.causeTimestamp(), 2, c.id(), o));
        }
        all.sort(Comparator.comparing(Line::session)
                .thenComparingDouble(Line::time)
                .thenComparingInt(Line::kind)
                .thenComparing(Line::id));
        return all.stream().map(Line::json).toList();
    }

    private static ObjectNode typed(String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        return o;
    }
}
