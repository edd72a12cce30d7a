package org.neuroloop.classifiers.sleep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Sleep stages in fixed epochs, in the DREAMS code (one integer per epoch: 5 wake, 4 REM, 3 S1, 2 S2, 1 S3, 0 S4).
 *
 * @param epochSeconds epoch length (DREAMS: 5 s)
 * @param stages stage code of each epoch, the first starting at time 0
 */
public record Hypnogram(double epochSeconds, int[] stages) {
    /** DREAMS codes for N3 (S3 and S4 of the Rechtschaffen &amp; Kales scoring). */
    public static final Set<Integer> N3 = Set.of(0, 1);

    public Hypnogram {
        if (!(epochSeconds > 0)) {
            throw new IllegalArgumentException("hypnogram epoch length must be > 0 s, got " + epochSeconds);
        }
        stages = stages.clone();
    }

    /** Stage at time {@code t} seconds; -1 outside the hypnogram. */
    public int stageAt(double t) {
        int e = (int) Math.floor(t / epochSeconds);
        return t < 0 || e >= stages.length ? -1 : stages[e];
    }

    /** Whether the stage at {@code t} is one of {@code allowed}. */
    public boolean in(double t, Set<Integer> allowed) {
        return allowed.contains(stageAt(t));
    }

    /** Per-sample mask {@code stage(i / fs) ∈ allowed} for {@code n} samples. */
    public boolean[] mask(int n, double fs, Set<Integer> allowed) {
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = in(i / fs, allowed);
        }
        return m;
    }

    @Override
    public int[] stages() {
        return stages.clone();
    }

    /** Reads a DREAMS hypnogram: an optional bracketed header line, then one stage code per line. */
    public static Hypnogram read(Path file, double epochSeconds) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<Integer> st = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || (i == 0 && t.startsWith("["))) {
                continue;
            }
            try {
                st.add(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": expected one stage code (0-5) per line, found '" + t + "'");
            }
        }
        return new Hypnogram(
                epochSeconds, st.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hypnogram h && h.epochSeconds == epochSeconds && Arrays.equals(h.stages, stages);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stages);
    }
}
