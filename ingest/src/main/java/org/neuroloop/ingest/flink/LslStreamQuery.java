package org.neuroloop.ingest.flink;

import java.io.Serializable;
import java.util.Objects;
import org.neuroloop.lsl4j.StreamResolver;

/**
 * Which LSL streams a source reads: an XPath 1.0 predicate over the stream's {@code <info>} (liblsl's resolver
 * language). Built from properties ({@link #name}, {@link #type}, {@link #sourceId}) combined with {@link #and}, or
 * given directly ({@link #predicate}).
 *
 * @param predicate e.g. {@code type='EEG' and starts-with(name,'Amp')}
 */
public record LslStreamQuery(String predicate) implements Serializable {
    public LslStreamQuery {
        Objects.requireNonNull(predicate, "predicate");
        if (predicate.isBlank()) {
            throw new IllegalArgumentException("LSL stream query predicate is empty");
        }
    }

    public static LslStreamQuery predicate(String xpath) {
        return new LslStreamQuery(xpath);
    }

    public static LslStreamQuery property(String property, String value) {
        return new LslStreamQuery(property + "=" + StreamResolver.xpathLiteral(value));
    }

    public static LslStreamQuery name(String name) {
        return property("name", name);
    }

    public static LslStreamQuery type(String type) {
        return property("type", type);
    }

    public static LslStreamQuery sourceId(String sourceId) {
        return property("source_id", sourceId);
    }

    /** Both conditions. */
    public LslStreamQuery and(LslStreamQuery other) {
        return new LslStreamQuery("(" + predicate + ") and (" + other.predicate + ")");
    }

    @Override
    public String toString() {
        return predicate;
    }
}
