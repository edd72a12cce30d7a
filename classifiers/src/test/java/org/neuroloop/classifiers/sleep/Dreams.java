package org.neuroloop.classifiers.sleep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recordings;

/** The DREAMS spindle excerpts 1–4 in {@code ../shared/data/sleep/dreams_spindles} (rates from SOURCES.md). */
final class Dreams {
    static final Path DIR = Path.of("../shared/data/sleep/dreams_spindles");
    static final double[] RATES = {0, 100, 200, 50, 200};

    record Excerpt(int number, double fs, double[] x, List<Interval> expert1, Hypnogram hypnogram) {}

    private static final Excerpt[] CACHE = new Excerpt[5];

    static synchronized Excerpt excerpt(int n) throws IOException {
        if (CACHE[n] == null) {
            RecordedStream s = Recordings.open(DIR.resolve("excerpt" + n + ".txt"), RATES[n])
                    .mainStream()
                    .orElseThrow();
            CACHE[n] = new Excerpt(
                    n,
                    RATES[n],
                    s.channel(0),
                    ScoringFile.read(DIR.resolve("Visual_scoring1_excerpt" + n + ".txt")),
                    Hypnogram.read(DIR.resolve("Hypnogram_excerpt" + n + ".txt"), 5.0));
        }
        return CACHE[n];
    }

    private Dreams() {}
}
