package org.neuroloop.classifiers.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-trial cross-validation folds in the format of {@code ../shared/folds/*.json}: {@code trials} (file,
 * onset_s, desc, onset_sample, label) in file order then annotation order, and {@code fold_of_trial[r][i]}, the
 * test fold of trial i in repeat r.
 *
 * @param source the file read
 * @param fs sampling rate the onsets were rounded at
 * @param trials the file's trials
 * @param foldOfTrial {@code [repeat][trial]} test fold index
 */
public record FoldsFile(Path source, double fs, List<Trial> trials, int[][] foldOfTrial) {

    public static FoldsFile read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        double fs = require(root, "fs", file).asDouble();
        JsonNode ts = require(root, "trials", file);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < ts.size(); i++) {
            JsonNode t = ts.get(i);
            trials.add(new Trial(
                    require(t, "file", file).asText(),
                    require(t, "onset_s", file).asDouble(),
                    t.path("duration_s").asDouble(0),
                    require(t, "desc", file).asText(),
                    require(t, "onset_sample", file).asLong(),
                    require(t, "label", file).asInt()));
        }
        JsonNode folds = require(root, "fold_of_trial", file);
        int[][] fot = new int[folds.size()][];
        for (int r = 0; r < fot.length; r++) {
            JsonNode row = folds.get(r);
            if (row.size() != trials.size()) {
                throw new IllegalArgumentException(file + ": fold_of_trial[" + r + "] has " + row.size()
                        + " entries, expected one per trial (" + trials.size() + ")");
            }
            fot[r] = new int[row.size()];
            for (int i = 0; i < row.size(); i++) {
                fot[r][i] = row.get(i).asInt();
                if (fot[r][i] < 0) {
                    throw new IllegalArgumentException(
                            file + ": fold_of_trial[" + r + "][" + i + "] = " + fot[r][i] + ", expected >= 0");
                }
            }
        }
        return new FoldsFile(file, fs, trials, fot);
    }

    private static JsonNode require(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(file + ": missing field '" + field + "'");
        }
        return v;
    }

    /**
     * Checks that the folds describe exactly these trials (same count, file, annotation, onset sample and class,
     * in order); otherwise the folds would silently score other trials.
     */
    public void requireMatches(TrialSet set) {
        if (fs != set.fs()) {
            throw new IllegalArgumentException(
                    source + ": fs " + fs + " Hz but the recordings are at " + set.fs() + " Hz");
        }
        if (trials.size() != set.size()) {
            throw new IllegalArgumentException(source + ": " + trials.size() + " trials but the recordings give "
                    + set.size() + " with labels " + set.classes().spec());
        }
        for (int i = 0; i < trials.size(); i++) {
            Trial f = trials.get(i);
            Trial t = set.trials().get(i);
            if (!f.file().equals(t.file())
                    || !f.annotation().equals(t.annotation())
                    || f.onsetSample() != t.onsetSample()
                    || f.label() != t.label()) {
                throw new IllegalArgumentException(
                        source + ": trial " + i + " is " + f + " but the recordings give " + t);
            }
        }
    }

    /** Folds as (train, test) index pairs, repeat by repeat, fold by fold. */
    public List<Split> splits() {
        List<Split> out = new ArrayList<>();
        for (int[] row : foldOfTrial) {
            int k = 0;
            for (int f : row) {
                k = Math.max(k, f + 1);
            }
            for (int fold = 0; fold < k; fold++) {
                out.add(Split.ofFold(row, fold));
            }
        }
        return out;
    }

    public int repeats() {
        return foldOfTrial.length;
    }
}
