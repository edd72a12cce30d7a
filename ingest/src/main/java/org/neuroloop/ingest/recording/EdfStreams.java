package org.neuroloop.ingest.recording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The streams of an EDF/BDF file as {@link EdfReader} read it: signals grouped by rate, BDF triggers as markers. */
public final class EdfStreams {

    private EdfStreams() {}

    /**
     * Builds the recording: ordinary signals grouped by rate (first-appearance order) into streams of type EEG
     * named after the file (with {@code @RATEHz} when there are several rates); a BDF {@code Status} channel
     * becomes a {@code Stim} stream with values masked to the 16 trigger bits and a marker at every change to a
     * non-zero value (label = the new value).
     */
    public static Recording toRecording(EdfReader.Contents c) {
        EdfHeader h = c.header();
        String base = baseName(c.file());
        Map<Integer, List<EdfSignal>> groups = new LinkedHashMap<>();
        List<EdfSignal> status = new ArrayList<>();
        for (EdfSignal s : c.signals()) {
            if (h.bdf() && s.header().isBioSemiStatus()) {
                status.add(s);
            } else {
                groups.computeIfAbsent(s.header().samplesPerRecord(), k -> new ArrayList<>())
                        .add(s);
            }
        }
        List<RecordedStream> streams = new ArrayList<>();
        String format = h.bdf() ? "int32" : "int16";
        for (List<EdfSignal> g : groups.values()) {
            double rate = g.get(0).rate();
            String name = groups.size() == 1 ? base : base + "@" + trimRate(rate) + "Hz";
            streams.add(stream(name, "EEG", g, c.recordOnsets(), h, c.file(), format));
        }
        List<Annotation> annotations = new ArrayList<>(c.annotations());
        for (EdfSignal s : status) {
            double[] masked = new double[s.values().length];
            for (int i = 0; i < masked.length; i++) {
                masked[i] = ((long) s.values()[i]) & 0xffff;
            }
            EdfSignal m = new EdfSignal(s.header(), s.rate(), "", masked);
            RecordedStream st =
                    stream(base + " " + s.label(), "Stim", List.of(m), c.recordOnsets(), h, c.file(), format);
            streams.add(st);
            double prev = 0;
            for (int i = 0; i < masked.length; i++) {
                if (masked[i] != prev && masked[i] != 0) {
                    annotations.add(new Annotation(st.timestamps()[i], 0, Long.toString((long) masked[i])));
                }
                prev = masked[i];
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("patient", h.patient());
        props.put("recording", h.recordingId());
        props.put("startDate", h.startDate());
        props.put("startTime", h.startTime());
        props.put("startOffsetSeconds", Double.toString(c.startOffset()));
        props.put("recordDuration", Double.toString(h.recordDuration()));
        props.put("records", Long.toString(h.records()));
        return new Recording(c.file(), h.formatName(), streams, annotations, props);
    }

    private static RecordedStream stream(
            String name, String type, List<EdfSignal> g, double[] onsets, EdfHeader h, Path file, String format) {
        int channels = g.size();
        int per = g.get(0).header().samplesPerRecord();
        double rate = g.get(0).rate();
        int records = onsets.length;
        int total = records * per;
        double[] ts = new double[total];
        double[] samples = new double[total * channels];
        List<Integer> gaps = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            if (r > 0 && onsets[r] - onsets[r - 1] > h.recordDuration() + 0.5 / rate) {
                gaps.add(r * per);
            }
            for (int j = 0; j < per; j++) {
                ts[r * per + j] = onsets[r] + j / rate;
            }
        }
        for (int c = 0; c < channels; c++) {
            double[] v = g.get(c).values();
            for (int i = 0; i < total; i++) {
                samples[i * channels + c] = v[i];
            }
        }
        List<String> labels = g.stream().map(EdfSignal::label).toList();
        List<String> units = g.stream().map(EdfSignal::unit).toList();
        int[] gapStarts = gaps.stream().mapToInt(Integer::intValue).toArray();
        return new RecordedStream(
                name,
                type,
                file == null ? "" : file.toString(),
                labels,
                units,
                rate,
                ChannelFormat.fromXdfName(format),
                ts,
                samples,
                null,
                gapStarts,
                Map.of());
    }

    static String baseName(Path file) {
        if (file == null) {
            return "recording";
        }
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String trimRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
