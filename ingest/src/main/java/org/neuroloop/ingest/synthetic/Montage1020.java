package org.neuroloop.ingest.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Approximate flat scalp positions of 10-20 / 10-10 electrode labels, used to spread each synthetic source over
 * nearby channels. A label's row comes from its prefix (Fp +4 … O −4, front to back) and its column from its
 * number (z = 0, odd = left: 1 → −1, 3 → −2 …, even = right); one unit is one 10-10 step. Old names T3/T4/T5/T6
 * map to T7/T8/P7/P8, and trailing dots (EEGMMIDB's {@code C3..}) are ignored.
 */
public final class Montage1020 {

    /** The 19 channels of the international 10-20 system (modern names). */
    public static final List<String> STANDARD_19 = List.of(
            "Fp1", "Fp2", "F7", "F3", "Fz", "F4", "F8", "T7", "C3", "Cz", "C4", "T8", "P7", "P3", "Pz", "P4", "P8",
            "O1", "O2");

    /** The 64 EEG channels of the PhysioNet EEG Motor Movement/Imagery Database, in its order. */
    public static final List<String> EEGMMIDB_64 = List.of(
            "FC5", "FC3", "FC1", "FCz", "FC2", "FC4", "FC6", "C5", "C3", "C1", "Cz", "C2", "C4", "C6", "CP5", "CP3",
            "CP1", "CPz", "CP2", "CP4", "CP6", "Fp1", "Fpz", "Fp2", "AF7", "AF3", "AFz", "AF4", "AF8", "F7", "F5", "F3",
            "F1", "Fz", "F2", "F4", "F6", "F8", "FT7", "FT8", "T7", "T8", "T9", "T10", "TP7", "TP8", "P7", "P5", "P3",
            "P1", "Pz", "P2", "P4", "P6", "P8", "PO7", "PO3", "POz", "PO4", "PO8", "O1", "Oz", "O2", "Iz");

    /** Sensorimotor and midline sites first, so small montages still carry the planted events. */
    private static final List<String> PREFERRED =
            List.of("C3", "C4", "Cz", "Fz", "Pz", "O1", "O2", "F3", "F4", "P3", "P4");

    /**
     * {@code n} distinct 10-20/10-10 labels: C3, C4, Cz, Fz, Pz, O1, O2, F3, F4, P3, P4, then the rest of
     * {@link #STANDARD_19}, then {@link #EEGMMIDB_64}; exactly {@link #STANDARD_19} for 19 and {@link #EEGMMIDB_64}
     * for 64 channels.
     *
     * @throws IllegalArgumentException if {@code n} is not in [1, 64]
     */
    public static List<String> labels(int n) {
        if (n == 19) {
            return STANDARD_19;
        }
        if (n == 64) {
            return EEGMMIDB_64;
        }
        LinkedHashSet<String> order = new LinkedHashSet<>(PREFERRED);
        order.addAll(STANDARD_19);
        order.addAll(EEGMMIDB_64);
        if (n < 1 || n > order.size()) {
            throw new IllegalArgumentException(
                    "synthetic montage: channel count must be in [1, " + order.size() + "], got " + n);
        }
        return List.copyOf(new ArrayList<>(order).subList(0, n));
    }

    private static final Pattern LABEL = Pattern.compile("(FP|AF|FC|FT|CP|TP|PO|F|C|T|P|O|I)(Z|\\d{1,2})");

    private Montage1020() {}

    /**
     * Grid position {@code {x, y}} (x to the right, y to the front) of a 10-20/10-10 label, or null if the label is
     * not one (e.g. "EOG", "Status").
     */
    public static double[] position(String label) {
        String s = label.trim();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        s = s.toUpperCase(Locale.ROOT);
        switch (s) {
            case "T3":
                s = "T7";
                break;
            case "T4":
                s = "T8";
                break;
            case "T5":
                s = "P7";
                break;
            case "T6":
                s = "P8";
                break;
            case "A1":
            case "M1":
                return new double[] {-5, -1};
            case "A2":
            case "M2":
                return new double[] {5, -1};
            default:
                break;
        }
        Matcher m = LABEL.matcher(s);
        if (!m.matches()) {
            return null;
        }
        double y = switch (m.group(1)) {
            case "FP" -> 4;
            case "AF" -> 3;
            case "F" -> 2;
            case "FC", "FT" -> 1;
            case "C", "T" -> 0;
            case "CP", "TP" -> -1;
            case "P" -> -2;
            case "PO" -> -3;
            case "O" -> -4;
            case "I" -> -5;
            default -> throw new AssertionError(m.group(1));
        };
        double x;
        if (m.group(2).equals("Z")) {
            x = 0;
        } else {
            int n = Integer.parseInt(m.group(2));
            x = n % 2 == 1 ? -(n + 1) / 2.0 : n / 2.0;
        }
        // T7/T8, FT/TP 7-8 and T9/T10 lie at the lateral edge of their row.
        return new double[] {x, y};
    }

    /**
     * Weight of a source at {@code sourceLabel} on channel {@code label}: a Gaussian of the grid distance,
     * {@code exp(-d^2 / (2 sigma^2))}; 0 for labels without a position.
     */
    public static double weight(String label, String sourceLabel, double sigma) {
        double[] p = position(label);
        double[] q = position(sourceLabel);
        if (p == null || q == null) {
            return 0;
        }
        double dx = p[0] - q[0];
        double dy = p[1] - q[1];
        return Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
    }
}
