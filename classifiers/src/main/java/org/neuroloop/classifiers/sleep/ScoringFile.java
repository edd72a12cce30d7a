package org.neuroloop.classifiers.sleep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an event scoring in the DREAMS format: an optional bracketed header line ({@code [vis1_Spindles/C3-A1]}),
 * then one event per line as {@code onset_s duration_s} separated by white space. Blank lines are skipped.
 */
public final class ScoringFile {

    private ScoringFile() {}

    /** @return the events in file order */
    public static List<Interval> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || (i == 0 && t.startsWith("["))) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 2) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": expected 'onset_s duration_s', found '" + t + "'");
            }
            double onset;
            double duration;
            try {
                onset = Double.parseDouble(f[0]);
                duration = Double.parseDouble(f[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": expected two numbers 'onset_s duration_s', found '" + t + "'");
            }
            if (!(duration >= 0) || !Double.isFinite(onset)) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": onset must be finite and duration >= 0, found '" + t + "'");
            }
            out.add(Interval.ofDuration(onset, duration));
        }
        return out;
    }
}
