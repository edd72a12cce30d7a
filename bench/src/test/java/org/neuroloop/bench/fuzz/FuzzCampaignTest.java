package org.neuroloop.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A brief coverage-guided Jazzer run of every target, each in its own JVM ({@link FuzzLauncher}, as
 * {@code neuroloop fuzz} runs it): Jazzer fuzzes only one target per JVM, and the regression mode of
 * {@link FuzzRegressionTest} replays fixed inputs only. A run passes when Jazzer generated and ran mutated
 * inputs beyond the seeds and none broke the {@link FuzzContract}.
 *
 * <p>Before the runs this JVM's peak RSS is raised above the children's {@code -rss_limit_mb}, as a test JVM that
 * ran MiniClusters has it: a child must not inherit it (see {@link FuzzLauncher#freshPeakRss}), whatever ran before
 * in this fork. The targets run two at a time, a few seconds each.
 */
class FuzzCampaignTest {
    private static final Path SHARED = Path.of("../shared/data");
    private static final long SECONDS = 2;
    private static final int HEAP_MB = 512;
    private static final Pattern PEAK_RSS = Pattern.compile("VmHWM:\\s*(\\d+) kB");
    private static final Map<String, Future<FuzzRun>> RUNS = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    @TempDir
    static Path work;

    static Stream<String> targets() {
        return FuzzTargets.all().stream().map(FuzzTarget::name);
    }

    @BeforeAll
    static void startAllRuns() throws IOException {
        long limitMb = HEAP_MB * 3L;
        List<byte[]> touched = new ArrayList<>();
        while (peakRssMb() <= limitMb + 64) {
            byte[] block = new byte[64 << 20];
            for (int i = 0; i < block.length; i += 4096) {
                block[i] = 1;
            }
            touched.add(block);
        }
        assertTrue(peakRssMb() > limitMb, "this JVM's peak RSS is above the children's limit");
        touched.clear();
        FuzzLauncher.Settings settings = new FuzzLauncher.Settings(work, SHARED, List.of(), 16384, HEAP_MB);
        pool = Executors.newFixedThreadPool(2);
        for (FuzzTarget t : FuzzTargets.all()) {
            RUNS.put(t.name(), pool.submit(() -> FuzzLauncher.run(t, settings, SECONDS, 0, line -> {})));
        }
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void fuzzesBrieflyWithoutFindings(String name) throws Exception {
        FuzzTarget target = FuzzTargets.byName(name);
        int seeds = target.seeds(SHARED, 16384).size();
        FuzzRun run = RUNS.get(name).get();
        assertEquals(0, run.exitCode(), name + ": " + run.firstFailure() + " " + run.findings() + ", log " + run.log());
        assertTrue(run.findings().isEmpty(), name + ": findings " + run.findings());
        assertTrue(
                run.executions() > seeds,
                name + ": only " + run.executions() + " executions for " + seeds + " seeds; log " + run.log());
    }

    private static long peakRssMb() throws IOException {
        Matcher m = PEAK_RSS.matcher(Files.readString(Path.of("/proc/self/status")));
        assertTrue(m.find(), "VmHWM in /proc/self/status");
        return Long.parseLong(m.group(1)) >> 10;
    }
}
