package org.neuroloop.bench.fuzz;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs Jazzer (libFuzzer's coverage-guided engine for the JVM) on one {@link FuzzTarget} in a child JVM: Jazzer
 * instruments classes as they load and ends the process on a finding, and keeping it out of the caller's JVM
 * keeps it off every library's classpath. The child's classpath is the caller's plus Jazzer's jars
 * ({@code bench/target/fuzz-lib} for the launcher; the test classpath already has them).
 *
 * <p>Per target, {@code workDir/NAME/} holds {@code seeds/} (rewritten from {@link FuzzTarget#seeds} each run),
 * {@code corpus/} (kept, so a later run resumes), {@code findings/} (crash inputs) and {@code fuzz.log}.
 */
public final class FuzzLauncher {
    private static final Pattern EXECUTED = Pattern.compile("stat::number_of_executed_units:\\s*(\\d+)");
    private static final Pattern DONE = Pattern.compile("^Done (\\d+) runs");
    private static final Pattern FINDING = Pattern.compile("^== Java Exception: (.*)$");
    /** Jazzer's hook that steers inputs through regular expressions; off in every run (see {@link #run}). */
    static final String REGEX_GUIDANCE = "com.code_intelligence.jazzer.sanitizers.RegexRoadblocks";

    /**
     * @param workDir where corpora, findings and logs go
     * @param sharedData {@code ../shared/data}, for seeds
     * @param extraClasspath jars to add to the caller's classpath (Jazzer's, when the caller lacks them)
     * @param maxLength longest input Jazzer generates
     * @param heapMb the child JVM's heap
     */
    public record Settings(Path workDir, Path sharedData, List<Path> extraClasspath, int maxLength, int heapMb) {}

    private FuzzLauncher() {}

    /**
     * Fuzzes {@code target} until {@code seconds} have passed or {@code runs} inputs ran, whichever is first
     * (0: no limit of that kind); {@code progress} gets each console line of the child.
     */
    public static FuzzRun run(FuzzTarget target, Settings s, long seconds, long runs, Consumer<String> progress)
            throws IOException, InterruptedException {
        Path dir = s.workDir().resolve(target.name()).toAbsolutePath();
        Path seeds = dir.resolve("seeds");
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Path findings = Files.createDirectories(dir.resolve("findings"));
        writeSeeds(target, s, seeds);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + s.heapMb() + "m",
                "-XX:-OmitStackTraceInFastThrow",
                // a run of a few seconds is mostly Jazzer's start-up: the quick compiler and one GC thread cost less
                // CPU then, a long run earns back C2's compile time
                brief(seconds) ? "-XX:TieredStopAtLevel=1" : "-XX:+TieredCompilation",
                brief(seconds) ? "-XX:+UseSerialGC" : "-XX:+UseParallelGC",
                "-D" + FuzzEntry.TARGET_PROPERTY + "=" + target.name(),
                // a warning logged for each of millions of inputs would only slow the run: SLF4J's no-op provider
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-cp",
                classpath(s.extraClasspath()),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + FuzzEntry.class.getName(),
                // Jazzer's regex guidance allocates on the fuzzed thread in proportion to the text each regex scans
                // (70 MB for a 47 kB BrainVision header the reader parses in 0.5 MB): FuzzContract's allocation rule
                // would blame the parser for it
                "--disabled_hooks=" + REGEX_GUIDANCE,
                "--instrumentation_includes=" + String.join(File.pathSeparator, target.instrumented()),
                "--reproducer_path=" + findings,
                "-artifact_prefix=" + findings + File.separator,
                "-max_len=" + s.maxLength(),
                "-timeout=120",
                "-rss_limit_mb=" + (s.heapMb() * 3),
                "-print_final_stats=1"));
        if (brief(seconds)) {
            // retransforming the JDK's already loaded classes for Jazzer's hooks takes seconds of start-up; a brief
            // run keeps the hooks (comparison tracing, bug detectors) on the instrumented classes only
            cmd.add(
                    cmd.indexOf("--target_class=" + FuzzEntry.class.getName()),
                    "--additional_classes_excludes=java.**:javax.**:jdk.**:sun.**:com.sun.**");
        }
        if (seconds > 0) {
            cmd.add("-max_total_time=" + seconds);
        }
        if (runs > 0) {
            cmd.add("-runs=" + runs);
        }
        cmd.add(corpus.toString());
        cmd.add(seeds.toString());
        long start = System.nanoTime();
        FileTime startedAt = FileTime.fromMillis(System.currentTimeMillis() - 1000);
        Process p = new ProcessBuilder(freshPeakRss(cmd))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        Path log = dir.resolve("fuzz.log");
        long executions = -1;
        String failure = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(log))) {
            w.println(String.join(" ", cmd));
            for (String line; (line = r.readLine()) != null; ) {
                w.println(line);
                progress.accept(line);
                Matcher m = EXECUTED.matcher(line);
                Matcher d = DONE.matcher(line);
                Matcher f = FINDING.matcher(line);
                if (m.find()) {
                    executions = Long.parseLong(m.group(1));
                } else if (d.find() && executions < 0) {
                    executions = Long.parseLong(d.group(1));
                } else if (f.find() && failure.isEmpty()) {
                    failure = f.group(1);
                }
            }
        }
        int code = p.waitFor();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new FuzzRun(
                target.name(), Math.max(0, executions), elapsed, code, crashFiles(findings, startedAt), log, failure);
    }

    private static boolean brief(long seconds) {
        return seconds > 0 && seconds <= 10;
    }

    /**
     * The command run through a shell that forks it. libFuzzer's {@code -rss_limit_mb} checks the process's peak
     * RSS ({@code getrusage} {@code ru_maxrss}), and Linux carries the peak of the address space an {@code exec}
     * replaces into the new program: a child that the JVM spawns (vfork, then exec) starts with its parent's peak,
     * so a child of a large JVM (a test JVM that ran MiniClusters) hit the limit on its first input. A child that a
     * shell forks starts from the shell's small peak. The shell passes the child's exit code on.
     */
    static List<String> freshPeakRss(List<String> cmd) {
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", "\"$0\" \"$@\"; exit $?"));
        out.addAll(cmd);
        return out;
    }

    private static void writeSeeds(FuzzTarget target, Settings s, Path seeds) throws IOException {
        Files.createDirectories(seeds);
        try (Stream<Path> old = Files.list(seeds)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                Files.delete(p);
            }
        }
        List<byte[]> list = target.seeds(s.sharedData(), s.maxLength());
        for (int i = 0; i < list.size(); i++) {
            Files.write(seeds.resolve(String.format("seed-%03d", i)), list.get(i));
        }
    }

    private static String classpath(List<Path> extra) {
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        for (Path p : extra) {
            cp.append(File.pathSeparator).append(p.toAbsolutePath());
        }
        return cp.toString();
    }

    /** Finding files written by this run (earlier runs' findings stay in the folder but are not counted). */
    private static List<Path> crashFiles(Path findings, FileTime since) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(findings)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (p.getFileName().toString().matches("(crash|oom|timeout|leak)-.*")
                        && Files.getLastModifiedTime(p).compareTo(since) >= 0) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
