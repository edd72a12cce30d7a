package org.neuroloop.ingest.recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code neuroloop info} shows about a recording: per stream its name, type, format, channels (labels,
 * units), rate, sample count, duration, time span and gaps; the annotations and marker-stream samples with counts
 * per label. {@link #toMap()} is the JSON shape; {@link #toText()} the table.
 */
public record RecordingSummary(Recording recording) {

    /** Nested maps and lists (JSON-ready, insertion-ordered). */
    public Map<String, Object> toMap() {
        Recording r = recording;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", r.source() == null ? null : r.source().toString());
        out.put("format", r.format());
        out.put("start", finite(r.startTime()));
        out.put("end", finite(r.endTime()));
        out.put("duration_s", finite(r.endTime() - r.startTime()));
        List<Object> streams = new ArrayList<>();
        for (RecordedStream s : r.streams()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("type", s.type());
            m.put("channel_format", s.format().xdfName());
            m.put("channels", s.channelCount());
            m.put("labels", s.channelLabels());
            m.put("units", s.units());
            m.put("nominal_rate_hz", s.nominalRate());
            m.put("samples", s.sampleCount());
            m.put("duration_s", s.duration());
            m.put("first_timestamp", s.sampleCount() > 0 ? s.timestamps()[0] : null);
            m.put("last_timestamp", s.sampleCount() > 0 ? s.timestamps()[s.sampleCount() - 1] : null);
            m.put("gaps", s.gapStarts().length);
            if (s.isString()) {
                m.put("counts_per_label", counts(s));
            }
            streams.add(m);
        }
        out.put("streams", streams);
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("count", r.annotations().size());
        Map<String, Integer> counts = new TreeMap<>();
        r.annotations().forEach(a -> counts.merge(a.label(), 1, Integer::sum));
        ann.put("counts_per_label", counts);
        ann.put(
                "first_onset",
                r.annotations().isEmpty() ? null : r.annotations().get(0).onset());
        out.put("annotations", ann);
        out.put("markers_total", r.markers("").size());
        Map<String, String> props = new TreeMap<>(r.properties());
        props.remove("fileHeaderXml");
        out.put("properties", props);
        return out;
    }

    /** A human-readable table of the same facts. */
    public String toText() {
        Recording r = recording;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s  (%s)%n", r.source(), r.format()));
        b.append(String.format(
                Locale.ROOT,
                "time span: %.3f .. %.3f s (%.3f s)%n",
                r.startTime(),
                r.endTime(),
                r.endTime() - r.startTime()));
        b.append(String.format(Locale.ROOT, "%d stream(s):%n", r.streams().size()));
        for (RecordedStream s : r.streams()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %-30s type=%-10s %-8s %3d ch @ %8.3f Hz  %9d samples  %9.3f s  gaps=%d%n",
                    "'" + s.name() + "'",
                    s.type(),
                    s.format().xdfName(),
                    s.channelCount(),
                    s.nominalRate(),
                    s.sampleCount(),
                    s.duration(),
                    s.gapStarts().length));
            List<String> labeled = new ArrayList<>();
            for (int c = 0; c < s.channelCount(); c++) {
                String u = s.units().get(c);
                labeled.add(s.channelLabels().get(c) + (u.isEmpty() ? "" : " [" + u + "]"));
            }
            b.append("      channels: ").append(String.join(", ", labeled)).append(System.lineSeparator());
            if (s.isString()) {
                b.append("      values: ").append(counts(s)).append(System.lineSeparator());
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        r.annotations().forEach(a -> counts.merge(a.label(), 1, Integer::sum));
        b.append(String.format(
                Locale.ROOT, "%d annotation(s)%s%n", r.annotations().size(), counts.isEmpty() ? "" : ": " + counts));
        return b.toString();
    }

    private static Map<String, Integer> counts(RecordedStream s) {
        Map<String, Integer> c = new TreeMap<>();
        int ch = s.channelCount();
        for (int i = 0; i < s.sampleCount(); i++) {
            String label = ch == 1
                    ? s.strings()[i]
                    : String.join(",", Arrays.asList(s.strings()).subList(i * ch, (i + 1) * ch));
            c.merge(label, 1, Integer::sum);
        }
        return c;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
