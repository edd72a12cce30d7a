package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which annotation labels are trials of which class, e.g. {@code T1=left,T2=right}: class 0 is the first name,
 * class 1 the second (the positive class for ROC AUC).
 *
 * @param annotationToClass annotation label → class index, in the order given
 * @param classNames class names by index
 */
public record ClassLabels(Map<String, Integer> annotationToClass, List<String> classNames) {

    public ClassLabels {
        annotationToClass = Collections.unmodifiableMap(new LinkedHashMap<>(annotationToClass));
        classNames = List.copyOf(classNames);
    }

    /** Parses {@code T1=left,T2=right}; two classes, each annotation label once. */
    public static ClassLabels parse(String spec) {
        Map<String, Integer> map = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException(
                        "--labels: '" + p + "' is not ANNOTATION=CLASS (expected e.g. T1=left,T2=right)");
            }
            String annotation = p.substring(0, eq).trim();
            String cls = p.substring(eq + 1).trim();
            if (map.containsKey(annotation)) {
                throw new IllegalArgumentException(
                        "--labels: annotation '" + annotation + "' given twice in '" + spec + "'");
            }
            int idx = names.indexOf(cls);
            if (idx < 0) {
                names.add(cls);
                idx = names.size() - 1;
            }
            map.put(annotation, idx);
        }
        if (names.size() != 2) {
            throw new IllegalArgumentException(
                    "--labels: need exactly 2 classes, got " + names.size() + " " + names + " from '" + spec + "'");
        }
        return new ClassLabels(map, names);
    }

    /** Class index of an annotation label, or -1 when the label is not a trial. */
    public int classOf(String annotation) {
        Integer k = annotationToClass.get(annotation.trim());
        return k == null ? -1 : k;
    }

    /** The spec string this was parsed from (canonical form). */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        annotationToClass.forEach((a, k) ->
                sb.append(sb.length() == 0 ? "" : ",").append(a).append('=').append(classNames.get(k)));
        return sb.toString();
    }
}
