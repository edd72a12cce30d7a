package org.neuroloop.deploy.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * YAML keys laid over a parameter record's defaults: each key must be a component of the record; the record's own
 * constructor then checks the values. Lets every detector parameter be set from YAML without a copy of the record.
 */
public final class RecordParameters {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RecordParameters() {}

    /**
     * @return {@code defaults} with the components named in {@code keys} replaced
     * @throws IllegalArgumentException for an unknown key (listing the known ones) or a value the record refuses
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R overlay(R defaults, Map<String, Object> keys) {
        ObjectNode tree = JSON.valueToTree(defaults);
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            if (!tree.has(e.getKey())) {
                TreeSet<String> known = new TreeSet<>();
                for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
                    known.add(it.next());
                }
                throw new IllegalArgumentException(
                        e.getKey() + ": unknown parameter (expected one of: " + String.join(", ", known) + ")");
            }
            tree.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        try {
            return (R) JSON.treeToValue(tree, defaults.getClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException(root.getMessage(), e);
        }
    }

    /** The record as a map of its components, for printing. */
    public static Map<String, Object> asMap(Object parameters) {
        return JSON.convertValue(parameters, Map.class);
    }
}
