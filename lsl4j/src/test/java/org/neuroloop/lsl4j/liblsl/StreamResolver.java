package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.neuroloop.lsl4j.LslException;

/**
 * One-shot stream discovery ({@code lsl_resolve_*}). Results carry the short info (empty {@code desc}); each
 * returned {@link StreamInfo} is owned by the caller and must be closed (or use {@link #closeAll(List)}).
 *
 * <p>Predicates are XPath 1.0 over the {@code <info>} element, e.g. {@code name='EEG' and type='EEG'} or
 * {@code starts-with(name,'Bio') and channel_count>=8}.
 */
public final class StreamResolver {
    /** Upper bound of results per call. */
    static final int MAX_RESULTS = 1024;

    private StreamResolver() {}

    /** All streams visible within {@code waitSeconds}. */
    public static List<StreamInfo> resolveAll(double waitSeconds) {
        Lsl.load();
        try (Memory buf = new Memory(8L * MAX_RESULTS)) {
            return collect(buf, LslNative.lsl_resolve_all(buf, MAX_RESULTS, waitSeconds), "resolve all");
        }
    }

    /**
     * Streams whose property equals a value, e.g. {@code ("source_id", "amp-1")}.
     *
     * @param minimum return as soon as this many are found
     * @param timeoutSeconds give up after this long (returns what was found, possibly nothing)
     */
    public static List<StreamInfo> resolveByProperty(
            String property, String value, int minimum, double timeoutSeconds) {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        Lsl.load();
        try (Memory buf = new Memory(8L * MAX_RESULTS)) {
            return collect(
                    buf,
                    LslNative.lsl_resolve_byprop(buf, MAX_RESULTS, property, value, minimum, timeoutSeconds),
                    "resolve " + property + "='" + value + "'");
        }
    }

    /** Streams matching an XPath 1.0 predicate over {@code <info>}. */
    public static List<StreamInfo> resolveByPredicate(String predicate, int minimum, double timeoutSeconds) {
        Objects.requireNonNull(predicate, "predicate");
        Lsl.load();
        try (Memory buf = new Memory(8L * MAX_RESULTS)) {
            return collect(
                    buf,
                    LslNative.lsl_resolve_bypred(buf, MAX_RESULTS, predicate, minimum, timeoutSeconds),
                    "resolve " + predicate);
        }
    }

    /** Closes every info of a result list. */
    public static void closeAll(List<StreamInfo> infos) {
        for (StreamInfo i : infos) {
            i.close();
        }
    }

    static List<StreamInfo> collect(Memory buf, int count, String what) {
        if (count < 0) {
            LslException.check(count, what);
        }
        List<StreamInfo> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pointer p = buf.getPointer(8L * i);
            out.add(new StreamInfo(p));
        }
        return out;
    }

    /** Quotes a literal for an XPath predicate ({@link org.neuroloop.lsl4j.StreamResolver#xpathLiteral}). */
    public static String xpathLiteral(String s) {
        // the lsl4j class of the same name, which this binding's class hides
        return org.neuroloop.lsl4j.StreamResolver.xpathLiteral(s); // SUPPRESS CHECKSTYLE RegexpSinglelineJava
    }
}
