package org.neuroloop.deploy.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Electrode positions of the 10-10 system (MNE's {@code standard_1005} template, 10-10 labels only, in the resource
 * {@code montage-1010.tsv}), as unit vectors from the centre of the sphere that fits them best, and their flat
 * azimuthal-equidistant projection: the vertex (Cz) at the centre, the Fpz–T7–Oz–T8 circle at radius 1, nose up.
 *
 * <p>Labels are matched ignoring case and trailing dots, so EEGMMIDB's {@code C3..}, {@code Fc5.} and {@code Afz.}
 * find {@code C3}, {@code FC5} and {@code AFz}.
 */
public final class Montage {
    private static final Montage STANDARD = load();
    private final Map<String, double[]> unit;

    private Montage(Map<String, double[]> unit) {
        this.unit = unit;
    }

    public static Montage standard1010() {
        return STANDARD;
    }

    /** The montage's label for a recording's channel label: trailing dots and blanks dropped, case ignored. */
    public static String normalise(String label) {
        String s = label.strip();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toUpperCase(Locale.ROOT);
    }

    /** Unit vector from the head centre, or null when the label is not a 10-10 position. */
    public double[] unitVector(String channelLabel) {
        double[] u = unit.get(normalise(channelLabel));
        return u == null ? null : u.clone();
    }

    /** Flat position {x, y} (azimuthal equidistant, radius 1 at the equator) of a unit vector. */
    public static double[] project(double[] u) {
        double theta = Math.acos(Math.max(-1, Math.min(1, u[2])));
        double r = theta / (Math.PI / 2);
        double phi = Math.atan2(u[1], u[0]);
        return new double[] {r * Math.cos(phi), r * Math.sin(phi)};
    }

    /** The unit vector whose projection is {x, y} (inverse of {@link #project}). */
    public static double[] unproject(double x, double y) {
        double theta = Math.hypot(x, y) * Math.PI / 2;
        double phi = Math.atan2(y, x);
        return new double[] {Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)};
    }

    private static Montage load() {
        Map<String, double[]> mm = new HashMap<>();
        try (InputStream in = Montage.class.getResourceAsStream("montage-1010.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource montage-1010.tsv is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.startsWith("label")) {
                    continue;
                }
                String[] f = line.split("\t");
                mm.put(
                        f[0].toUpperCase(Locale.ROOT),
                        new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("montage-1010.tsv unreadable", e);
        }
        double[] c = sphereCentre(mm.values().toArray(double[][]::new));
        Map<String, double[]> unit = new HashMap<>();
        mm.forEach((k, p) -> {
            double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
            double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            unit.put(k, new double[] {d[0] / n, d[1] / n, d[2] / n});
        });
        return new Montage(unit);
    }

    /** Least-squares sphere through the points: |p|² = 2 c·p + d, linear in (c, d). */
    static double[] sphereCentre(double[][] points) {
        DMatrixRMaj a = new DMatrixRMaj(points.length, 4);
        DMatrixRMaj b = new DMatrixRMaj(points.length, 1);
        for (int i = 0; i < points.length; i++) {
            double[] p = points[i];
            a.set(i, 0, 2 * p[0]);
            a.set(i, 1, 2 * p[1]);
            a.set(i, 2, 2 * p[2]);
            a.set(i, 3, 1);
            b.set(i, 0, p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        }
        DMatrixRMaj x = new DMatrixRMaj(4, 1);
        if (!CommonOps_DDRM.solve(a, b, x)) {
            throw new IllegalStateException("montage: sphere fit failed");
        }
        return new double[] {x.get(0), x.get(1), x.get(2)};
    }
}
