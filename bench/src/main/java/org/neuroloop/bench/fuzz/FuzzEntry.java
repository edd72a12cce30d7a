package org.neuroloop.bench.fuzz;

/**
 * Jazzer's entry point in the child JVM that {@link FuzzLauncher} starts: the target comes from the system
 * property {@value #TARGET_PROPERTY}, so one class serves every {@link FuzzTargets target}.
 */
public final class FuzzEntry {
    static final String TARGET_PROPERTY = "neuroloop.fuzz.target";
    private static final FuzzTarget TARGET = FuzzTargets.byName(System.getProperty(TARGET_PROPERTY, ""));

    private FuzzEntry() {}

    /**
     * Called by Jazzer once before fuzzing: loading and instrumenting the parser's classes takes seconds on a busy
     * machine, which must not count against the first input's timeout.
     */
    public static void fuzzerInitialize() {
        try {
            TARGET.parse(new byte[0]);
        } catch (Exception expected) {
            // an empty input is malformed for most targets
        }
    }

    /** Called by Jazzer with each generated input. */
    public static void fuzzerTestOneInput(byte[] input) {
        FuzzContract.check(TARGET, input);
    }
}
