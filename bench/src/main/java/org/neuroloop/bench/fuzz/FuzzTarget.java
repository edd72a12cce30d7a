package org.neuroloop.bench.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One parser under fuzzing: how a raw input reaches it, which exceptions it documents for bad input, and where
 * its seed inputs come from. {@link FuzzContract} holds every target to the same rules.
 */
public interface FuzzTarget {

    /** The name {@code neuroloop fuzz} takes, e.g. {@code xdf}. */
    String name();

    /**
     * Packages whose code coverage guides the fuzzer (Jazzer's {@code --instrumentation_includes}); instrumenting
     * only the parser's own code keeps executions fast.
     */
    default List<String> instrumented() {
        return List.of("org.neuroloop.**");
    }

    /** Hands {@code input} to the parser; throws whatever the parser throws. */
    void parse(byte[] input) throws Exception;

    /** True when {@code failure} is the typed exception the parser documents for malformed input. */
    boolean documented(Throwable failure);

    /**
     * Seed inputs built from the sample files under {@code sharedData} ({@code ../shared/data}) and from small
     * inputs made in code, each at most {@code maxLength} bytes.
     */
    List<byte[]> seeds(Path sharedData, int maxLength) throws IOException;
}
