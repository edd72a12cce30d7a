package org.neuroloop.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every target's seeds (cut from {@code ../shared/data} or made in code) keep the {@link FuzzContract}, and many
 * of them parse (the plain-text folder also holds multi-column scorings): a fuzzer starting only from rejected
 * seeds would stay near the first checks. The contract
 * itself catches what it promises to.
 */
class FuzzSeedsTest {
    private static final Path SHARED = Path.of("../shared/data");

    static Stream<String> targets() {
        return FuzzTargets.all().stream().map(FuzzTarget::name);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void seedsKeepTheContractAndManyParse(String name) throws Exception {
        FuzzTarget target = FuzzTargets.byName(name);
        List<byte[]> seeds = target.seeds(SHARED, 65536);
        assertFalse(seeds.isEmpty(), name + " has seeds");
        int parsed = 0;
        for (byte[] seed : seeds) {
            assertTrue(seed.length <= 65536, name + ": a seed of " + seed.length + " bytes");
            FuzzContract.check(target, seed);
            try {
                target.parse(seed);
                parsed++;
            } catch (Exception e) {
                // a documented rejection; counted below
            }
        }
        assertTrue(parsed * 4 >= seeds.size(), name + ": only " + parsed + " of " + seeds.size() + " seeds parse");
    }

    @Test
    void contractRejectsUndocumentedExceptionsConsoleOutputAndOversizedAllocation() {
        assertThrows(
                AssertionError.class,
                () -> FuzzContract.check(
                        new Probe(() -> {
                            throw new IllegalStateException("a bug");
                        }),
                        new byte[1]));
        assertThrows(
                AssertionError.class,
                () -> FuzzContract.check(new Probe(() -> System.err.println("[Fatal Error]")), new byte[1]));
        assertThrows(
                AssertionError.class,
                () -> FuzzContract.check(
                        new Probe(() -> {
                            long[][] claimed = new long[64][];
                            for (int i = 0; i < claimed.length; i++) {
                                claimed[i] = new long[1 << 17];
                            }
                        }),
                        new byte[1024]));
        FuzzContract.check(
                new Probe(() -> {
                    throw new IOException("documented");
                }),
                "fine".getBytes(StandardCharsets.UTF_8));
    }

    /** A target whose parse is the given action and whose documented exception is {@link java.io.IOException}. */
    private record Probe(Action action) implements FuzzTarget {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void parse(byte[] input) throws Exception {
            action.run();
        }

        @Override
        public boolean documented(Throwable failure) {
            return failure instanceof IOException;
        }

        @Override
        public List<byte[]> seeds(Path sharedData, int maxLength) {
            return List.of();
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }
}
