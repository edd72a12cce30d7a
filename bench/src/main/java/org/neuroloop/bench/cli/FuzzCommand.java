package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.neuroloop.bench.fuzz.FuzzLauncher;
import org.neuroloop.bench.fuzz.FuzzRun;
import org.neuroloop.bench.fuzz.FuzzTarget;
import org.neuroloop.bench.fuzz.FuzzTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuroloop fuzz TARGET... --seconds N}: coverage-guided fuzzing of a parser with Jazzer, one child JVM
 * per target ({@link FuzzLauncher}); one line (or JSON object) per target with its executions and findings.
 */
@Command(
        name = "fuzz",
        mixinStandardHelpOptions = true,
        description = "Fuzz a parser with Jazzer (coverage-guided): recording readers, the session-config loader,"
                + " lsl_api.cfg parsing. Exit 1 when a target broke its contract (crash input in"
                + " WORK/TARGET/findings).")
public final class FuzzCommand implements Callable<Integer> {

    @Parameters(
            arity = "1..*",
            paramLabel = "TARGET",
            description = "Target names, or 'all'. Targets: "
                    + "xdf, edf, bdf, gdf, text, brainvision, session-config, lsl-api-cfg, lsl-stream-info, lsl-samples,"
                    + " lsl-feed-handshake.")
    List<String> targets;

    @Option(
            names = "--seconds",
            defaultValue = "60",
            description = "Fuzzing time per target. Default: ${DEFAULT-VALUE}.")
    long seconds;

    @Option(names = "--runs", defaultValue = "0", description = "Stop a target after this many inputs (0: no limit).")
    long runs;

    @Option(
            names = "--max-len",
            defaultValue = "65536",
            description = "Longest generated input in bytes. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(
            names = "--heap-mb",
            defaultValue = "1024",
            description = "Heap of the fuzzing JVM. Default: ${DEFAULT-VALUE}.")
    int heapMb;

    @Option(
            names = "--work",
            description = "Corpora, findings and logs (kept between runs). Default: TMPDIR/neuroloop-fuzz.")
    Path work;

    @Option(
            names = "--shared",
            defaultValue = "../shared/data",
            description = "Sample files for seeds. Default: ${DEFAULT-VALUE}.")
    Path shared;

    @Option(names = "--json", description = "Print one JSON object per target.")
    boolean json;

    @Option(names = "--verbose", description = "Echo all of Jazzer's output (default: progress lines and findings).")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        List<FuzzTarget> chosen = new ArrayList<>();
        for (String name : targets) {
            if (name.equals("all")) {
                chosen.addAll(FuzzTargets.all());
            } else {
                try {
                    chosen.add(FuzzTargets.byName(name));
                } catch (IllegalArgumentException e) {
                    System.err.println("fuzz: " + e.getMessage());
                    return 2;
                }
            }
        }
        Path workDir = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "neuroloop-fuzz");
        FuzzLauncher.Settings settings = new FuzzLauncher.Settings(workDir, shared, jazzerJars(), maxLength, heapMb);
        boolean clean = true;
        long total = 0;
        for (FuzzTarget t : chosen) {
            System.err.printf(
                    Locale.ROOT,
                    "fuzz: %s for %d s (work folder %s)%n",
                    t.name(),
                    seconds,
                    workDir.resolve(t.name()).toAbsolutePath());
            FuzzRun r = FuzzLauncher.run(t, settings, seconds, runs, echo());
            clean &= r.clean();
            total += r.executions();
            print(r);
        }
        if (chosen.size() > 1 && !json) {
            System.out.printf(Locale.ROOT, "total: %d executions%n", total);
        }
        return clean ? 0 : 1;
    }

    private void print(FuzzRun r) throws IOException {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", r.target());
            m.put("executions", r.executions());
            m.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            m.put("exit_code", r.exitCode());
            m.put("findings", r.findings().stream().map(Path::toString).toList());
            m.put("failure", r.firstFailure());
            m.put("log", r.log().toString());
            System.out.println(new ObjectMapper().writeValueAsString(m));
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "%-15s %,12d executions in %6.1f s  %s%n",
                    r.target(),
                    r.executions(),
                    r.seconds(),
                    r.clean()
                            ? "no findings"
                            : "FINDING " + r.firstFailure() + " " + r.findings() + " (log " + r.log() + ")");
        }
    }

    private Consumer<String> echo() {
        boolean[] afterFinding = {false};
        return line -> {
            afterFinding[0] |= line.startsWith("== Java Exception");
            if (verbose || afterFinding[0] || line.matches("^#\\d+\\s+(pulse|DONE|INITED).*")) {
                System.err.println(line);
            }
        };
    }

    /** Jazzer's jars when this JVM lacks them: the launcher keeps them in {@code bench/target/fuzz-lib}. */
    private static List<Path> jazzerJars() throws IOException {
        if (ClassLoader.getSystemResource("com/code_intelligence/jazzer/Jazzer.class") != null) {
            return List.of();
        }
        Path lib = Path.of(System.getProperty("neuroloop.root", "."), "bench", "target", "fuzz-lib");
        if (!Files.isDirectory(lib)) {
            throw new IOException("Jazzer's jars are not in " + lib + "; build them with mvn -DskipTests package");
        }
        try (Stream<Path> s = Files.list(lib)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
