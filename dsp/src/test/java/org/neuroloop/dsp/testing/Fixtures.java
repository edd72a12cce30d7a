package org.neuroloop.dsp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the golden numerical fixtures in {@code ../shared/fixtures} (tests run from the repository root) and
 * test resources, and converts JSON arrays to Java arrays.
 */
public final class Fixtures {

    /** The shared fixture folder, relative to the repository root (the tests' working directory). */
    public static final Path DIR = Path.of("../shared/fixtures");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    /** Parses {@code ../shared/fixtures/<name>}, e.g. {@code read("iir_filters.json")}. */
    public static JsonNode read(String name) {
        return readPath(DIR.resolve(name));
    }

    /** Parses a JSON file at any path (e.g. a module's {@code src/test/resources/...}). */
    public static JsonNode readPath(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    "fixture " + path.toAbsolutePath() + " not found (tests must run from the repository root)");
        }
        try {
            return MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse fixture " + path, e);
        }
    }

    /** Parses a classpath resource, e.g. {@code "/butter_extra.json"}. */
    public static JsonNode readResource(String resource) {
        try (var in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " not on the classpath");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse test resource " + resource, e);
        }
    }

    /** A JSON array of numbers as {@code double[]}. */
    public static double[] toDoubleArray(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(
                    "expected a JSON array of numbers, got " + (node == null ? "missing field" : node.getNodeType()));
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("element " + i + " is not a number: " + v);
            }
            out[i] = v.doubleValue();
        }
        return out;
    }

    /** A JSON array of equal-length number arrays as {@code double[rows][cols]}. */
    public static double[][] toMatrix(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(
                    "expected a JSON array of arrays, got " + (node == null ? "missing field" : node.getNodeType()));
        }
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDoubleArray(node.get(i));
            if (i > 0 && out[i].length != out[0].length) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + out[i].length + " columns, row 0 has " + out[0].length);
            }
        }
        return out;
    }

    /** A 3-d JSON array as {@code double[a][b][c]}. */
    public static double[][][] toTensor3(JsonNode node) {
        double[][][] out = new double[node.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = toMatrix(node.get(i));
        }
        return out;
    }
}
