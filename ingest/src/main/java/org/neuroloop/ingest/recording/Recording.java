package org.neuroloop.ingest.recording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neuroloop.dsp.record.Marker;

/**
 * A recording file in memory, whatever its format: numeric and string streams on one time axis, plus
 * annotations (EDF+ TALs, BrainVision markers, GDF events, BDF triggers).
 *
 * <p>Time axis: XDF keeps the LSL clock of the recording (after clock-offset correction); the other formats use
 * seconds since the recording's start time in the header (so an EDF+ record whose time-keeping TAL says
 * {@code +0.39} starts at 0.39 s).
 *
 * @param source file the recording came from (may be null for recordings built in memory)
 * @param format short format name: {@code xdf}, {@code edf}, {@code edf+c}, {@code edf+d}, {@code bdf},
 *               {@code bdf+c}, {@code gdf}, {@code brainvision}, {@code text}
 * @param streams streams in file order
 * @param annotations annotations sorted by onset
 * @param properties header fields worth showing (start time, patient/recording ids)
 */
public record Recording(
        Path source,
        String format,
        List<RecordedStream> streams,
        List<Annotation> annotations,
        Map<String, String> properties) {

    public Recording {
        Objects.requireNonNull(format, "format");
        streams = List.copyOf(streams);
        List<Annotation> sorted = new ArrayList<>(annotations);
        sorted.sort(Comparator.comparingDouble(Annotation::onset));
        annotations = List.copyOf(sorted);
        properties = Map.copyOf(properties == null ? Map.of() : properties);
    }

    /** The stream with this name, if any. */
    public Optional<RecordedStream> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Numeric streams, in file order. */
    public List<RecordedStream> numericStreams() {
        return streams.stream().filter(s -> !s.isString()).toList();
    }

    /** String (marker) streams, in file order. */
    public List<RecordedStream> markerStreams() {
        return streams.stream().filter(RecordedStream::isString).toList();
    }

    /**
     * The stream a single-stream consumer should use: the numeric stream with type EEG (any case) holding the
     * most values (samples x channels); failing that, the numeric stream with the most values.
     */
    public Optional<RecordedStream> mainStream() {
        Comparator<RecordedStream> bySize = Comparator.comparingLong(s -> (long) s.sampleCount() * s.channelCount());
        Optional<RecordedStream> eeg = numericStreams().stream()
                .filter(s -> s.type().equalsIgnoreCase("EEG"))
                .max(bySize);
        return eeg.isPresent() ? eeg : numericStreams().stream().max(bySize);
    }

    /**
     * All events as markers of one session, sorted by time: the annotations plus every sample of every string
     * stream (label = the sample's text; channels of a multi-channel string stream joined by {@code ,}).
     */
    public List<Marker> markers(String sessionId) {
        List<Marker> out = new ArrayList<>();
        for (Annotation a : annotations) {
            out.add(new Marker(sessionId, a.onset(), a.label(), a.duration()));
        }
        for (RecordedStream s : markerStreams()) {
            int ch = s.channelCount();
            String[] v = s.strings();
            for (int i = 0; i < s.sampleCount(); i++) {
                String label =
                        ch == 1 ? v[i] : String.join(",", Arrays.asList(v).subList(i * ch, (i + 1) * ch));
                out.add(new Marker(sessionId, s.timestamps()[i], label, 0));
            }
        }
        out.sort(Comparator.comparingDouble(Marker::timestamp));
        return out;
    }

    /** Earliest timestamp of any sample or annotation, NaN if the recording is empty. */
    public double startTime() {
        double t = Double.POSITIVE_INFINITY;
        for (RecordedStream s : streams) {
            if (s.sampleCount() > 0) {
                t = Math.min(t, s.timestamps()[0]);
            }
        }
        for (Annotation a : annotations) {
            t = Math.min(t, a.onset());
        }
        return Double.isInfinite(t) ? Double.NaN : t;
    }

    /** Latest sample end (last timestamp plus one period) or annotation end, NaN if empty. */
    public double endTime() {
        double t = Double.NEGATIVE_INFINITY;
        for (RecordedStream s : streams) {
            if (s.sampleCount() > 0) {
                t = Math.max(t, s.timestamps()[0] + s.duration());
            }
        }
        for (Annotation a : annotations) {
            t = Math.max(t, a.onset() + a.duration());
        }
        return Double.isInfinite(t) ? Double.NaN : t;
    }
}
