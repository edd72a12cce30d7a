package org.neuroloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference figures printed by {@code ../shared/peers/speed_peer.py} (scipy and pyRiemann 0.9 timed on this
 * machine), read from its saved output so {@code bench dsp} can give ratios from one run on one machine. Rows are
 * recognised by their labels: {@code (a) sosfilt one call}, {@code (a) sosfilt streaming} (throughput column,
 * "M ch-samples/s"), {@code (b)} OAS, {@code (c)} Riemann mean, {@code (d)} tangent space and {@code (e)} MDM
 * predict (median seconds column).
 */
public final class PeerFigures {

    private PeerFigures() {}

    /** The figures keyed like {@link DspBenchmark#REFERENCE}; every key must be found in the file. */
    public static Map<String, Double> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("peer output " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith("| (")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 5) {
                continue;
            }
            String label = cells[1].trim();
            double seconds = number(cells[2], file, label);
            if (label.startsWith("(a) sosfilt one call")) {
                out.put("filter_single_call_chs_per_s", mega(cells[4], file, label));
            } else if (label.startsWith("(a) sosfilt streaming")) {
                out.put("filter_chunk10_chs_per_s", mega(cells[4], file, label));
            } else if (label.startsWith("(b) ")) {
                out.put("oas_10k_s", seconds);
            } else if (label.startsWith("(c) ")) {
                out.put("riemann_mean_1k_s", seconds);
            } else if (label.startsWith("(d) ")) {
                out.put("tangent_space_10k_s", seconds);
            } else if (label.startsWith("(e) ")) {
                out.put("mdm_predict_10k_s", seconds);
            }
        }
        for (String key : DspBenchmark.REFERENCE.keySet()) {
            if (!out.containsKey(key)) {
                throw new IllegalArgumentException("peer output " + file + " has no row for " + key
                        + "; expected the RESULTS table printed by speed_peer.py");
            }
        }
        return out;
    }

    private static double mega(String cell, Path file, String label) {
        String first = cell.trim().split("\\s+")[0];
        return number(first, file, label) * 1e6;
    }

    private static double number(String cell, Path file, String label) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "peer output " + file + ", row '" + label + "': '" + cell.trim() + "' is not a number", e);
        }
    }
}
