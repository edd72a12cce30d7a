package org.neuroloop.bench.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.RecordingFormatException;
import org.neuroloop.ingest.recording.RecordingSummary;
import org.neuroloop.ingest.recording.Recordings;

/**
 * A single-file recording format: the input is written as a file with the format's extension and opened the
 * way {@code neuroloop info} opens it ({@link Recordings#open}, then a {@link RecordingSummary}). Readers document
 * {@link RecordingFormatException} for malformed files.
 */
final class RecordingFuzzTarget implements FuzzTarget {
    /** Rate for plain-text inputs, which carry none. */
    static final double TEXT_RATE = 100;

    private final String name;
    private final String extension;
    private final String seedFolder;
    private final Trim trim;
    private final List<String> madeSeeds;

    /**
     * @param seedFolder folder under {@code ../shared/data} holding sample files with {@code extension}
     * @param trim cuts a sample file to a maximum length ({@link SeedFiles})
     * @param madeSeeds small inputs written here, used besides the sample files
     */
    RecordingFuzzTarget(String name, String extension, String seedFolder, Trim trim, List<String> madeSeeds) {
        this.name = name;
        this.extension = extension;
        this.seedFolder = seedFolder;
        this.trim = trim;
        this.madeSeeds = madeSeeds;
    }

    /** Cuts a sample file to at most {@code max} bytes, keeping its format valid where it can. */
    @FunctionalInterface
    interface Trim {
        byte[] cut(byte[] file, int max);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void parse(byte[] input) throws IOException {
        Path file = FuzzFiles.write("input" + extension, input);
        Recording r = Recordings.open(file, TEXT_RATE);
        new RecordingSummary(r).toMap();
    }

    @Override
    public boolean documented(Throwable failure) {
        return failure instanceof RecordingFormatException;
    }

    @Override
    public List<byte[]> seeds(Path sharedData, int maxLength) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String s : madeSeeds) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (Path p : SeedFiles.under(sharedData.resolve(seedFolder), extension)) {
            out.add(trim.cut(Files.readAllBytes(p), maxLength));
        }
        return out;
    }
}
