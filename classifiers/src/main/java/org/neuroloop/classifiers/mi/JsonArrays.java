package org.neuroloop.classifiers.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.ejml.data.DMatrixRMaj;

/** Vectors and matrices to and from JSON arrays for model files; reading names the field on failure. */
final class JsonArrays {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonArrays() {}

    static ArrayNode vector(double[] v) {
        ArrayNode a = F.arrayNode(v.length);
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    static ArrayNode matrix(double[][] m) {
        ArrayNode a = F.arrayNode(m.length);
        for (double[] row : m) {
            a.add(vector(row));
        }
        return a;
    }

    static ArrayNode matrix(DMatrixRMaj m) {
        ArrayNode a = F.arrayNode(m.numRows);
        for (int i = 0; i < m.numRows; i++) {
            ArrayNode row = F.arrayNode(m.numCols);
            for (int j = 0; j < m.numCols; j++) {
                row.add(m.get(i, j));
            }
            a.add(row);
        }
        return a;
    }

    static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("model file: missing field '" + name + "'");
        }
        return v;
    }

    static double[] toVector(JsonNode n, String name) {
        return elements(field(n, name), name);
    }

    private static double[] elements(JsonNode a, String name) {
        if (!a.isArray()) {
            throw new IllegalArgumentException("model file: " + name + " is not an array");
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException("model file: " + name + "[" + i + "] is not a number");
            }
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    static double[][] toMatrix(JsonNode n, String name) {
        JsonNode a = field(n, name);
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = elements(a.get(i), name + "[" + i + "]");
        }
        return m;
    }

    static DMatrixRMaj toDMatrix(JsonNode a, String name) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = a.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).asDouble();
            }
            if (m[i].length != m.length) {
                throw new IllegalArgumentException("model file: " + name + " is not square (row " + i + " has "
                        + m[i].length + " of " + m.length + ")");
            }
        }
        return new DMatrixRMaj(m);
    }
}
