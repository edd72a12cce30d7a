package org.neuroloop.bench.fuzz;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * The rules every fuzzed parser is held to, whatever the input: it returns or throws the typed exception it
 * documents ({@link FuzzTarget#documented}); it allocates no more than the input's size justifies (a header that
 * claims 10⁹ samples in a 1 kB file must fail before allocating them); and it prints nothing to the console.
 * A broken rule throws an {@link AssertionError} (Jazzer's finding) whose cause is the parser's own exception.
 */
public final class FuzzContract {
    /** Allocation every input may use: class initialisation, parser set-up, the recording's small objects. */
    static final long BASE_ALLOCATION = 48L << 20;
    /**
     * Further allocation per input byte: decoding a 2-byte sample into a double value and a double timestamp,
     * then copying both once to the final size, costs 16 bytes per input byte; the bound leaves ample room.
     */
    static final long ALLOCATION_PER_BYTE = 256;

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzContract() {}

    /** Runs {@code target} on {@code input} and throws {@link AssertionError} if it broke a rule. */
    public static void check(FuzzTarget target, byte[] input) {
        Attempt a = attempt(target, input);
        if (a.failure != null && !target.documented(a.failure)) {
            throw new AssertionError(
                    target.name() + ": undocumented " + a.failure.getClass().getName() + " on a " + input.length
                            + "-byte input: " + a.failure.getMessage(),
                    a.failure);
        }
        if (!a.printed.isEmpty()) {
            throw new AssertionError(
                    target.name() + ": the parser printed to the console on a " + input.length + "-byte input: "
                            + a.printed.strip(),
                    a.failure);
        }
        long budget = BASE_ALLOCATION + ALLOCATION_PER_BYTE * input.length;
        // Loading and instrumenting a class the input reaches for the first time allocates on this thread too:
        // only an input that exceeds the budget again, with its classes loaded, is a finding.
        if (a.allocated > budget && (a = attempt(target, input)).allocated > budget) {
            throw new AssertionError(
                    target.name() + ": allocated " + a.allocated + " bytes for a " + input.length
                            + "-byte input (budget " + budget + ")",
                    a.failure);
        }
    }

    private static Attempt attempt(FuzzTarget target, byte[] input) {
        OutputGuard.arm();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Throwable failure = null;
        try {
            target.parse(input);
        } catch (Throwable e) {
            failure = e;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        return new Attempt(failure, allocated, OutputGuard.disarm());
    }

    private record Attempt(Throwable failure, long allocated, String printed) {}
}
