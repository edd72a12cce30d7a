package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.neuroloop.ingest.recording.RecordingSummary;
import org.neuroloop.ingest.recording.Recordings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuroloop info FILE...}: streams, channels, rates, sample counts, duration, annotations and markers of
 * each recording, one JSON object per line (the summary, or {@code {"file": ..., "error": ...}}). A bad file
 * costs its own line only; the exit code is 1 when any file failed.
 */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Describe recordings (XDF, EDF/EDF+, BDF/BDF+, GDF, BrainVision .vhdr, text): streams, channel"
                + " labels, rates, sample counts, duration, annotations/markers with counts per label. One JSON object"
                + " per line and file; a folder stands for the recordings in it. Exit 1 if any file could not be read.")
public final class InfoCommand implements Callable<Integer> {
    /** Extensions a folder is searched for (plain text needs a rate, so only with --rate). */
    private static final Set<String> RECORDING_EXTENSIONS = Set.of("xdf", "edf", "bdf", "gdf", "vhdr");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recording files or folders.")
    List<Path> files;

    @Option(names = "--json", description = "One JSON object per line (the default).")
    boolean json;

    @Option(names = "--text", description = "A table per file instead of JSON; failures go to stderr.")
    boolean text;

    @Option(
            names = "--rate",
            description = "Sampling rate of a plain-text file (otherwise taken from a name like _200Hz).")
    Double rate;

    @Override
    public Integer call() throws IOException {
        boolean allRead = true;
        for (Path file : expand(files)) {
            allRead &= describe(file);
        }
        return allRead ? 0 : 1;
    }

    private boolean describe(Path file) throws IOException {
        RecordingSummary summary;
        try {
            summary = new RecordingSummary(Recordings.open(file, rate == null ? Double.NaN : rate));
        } catch (IOException | RuntimeException e) {
            String error = message(e);
            if (text) {
                System.err.println("info: " + file + ": " + error);
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("error", error);
                System.out.println(JSON.writeValueAsString(m));
            }
            return false;
        }
        System.out.print(text ? summary.toText() : JSON.writeValueAsString(summary.toMap()) + System.lineSeparator());
        return true;
    }

    /** What went wrong, without a stack trace; a reader's own message names the byte offset and expectation. */
    static String message(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
            return String.valueOf(e.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Files as given; a folder becomes the recordings under it, sorted. */
    private List<Path> expand(List<Path> given) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile)
                        .filter(this::isRecording)
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    private boolean isRecording(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return RECORDING_EXTENSIONS.contains(ext) || (rate != null && ext.equals("txt"));
    }
}
