package org.neuroloop.bench.lsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link LslPairMain} for one pair of implementations in a child JVM whose classpath is this module's jar plus
 * {@code bench/target/liblsl-peer} (lsl4j, its test-jar with the liblsl binding, JNA; copied there by Maven at
 * {@code package}), with the repository root as working directory (its loopback {@code lsl_api.cfg}, which liblsl
 * reads, and {@code .liblsl/}). Every pair runs in a fresh child alike, lsl4j → lsl4j included, so the figures
 * are comparable.
 */
public final class LiblslPeerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    /**
     * @param root the repository root (holds {@code bench/target/liblsl-peer}, {@code .liblsl/},
     *             {@code lsl_api.cfg})
     */
    public LiblslPeerProcess(Path root) {
        this.root = root;
    }

    /** The child's classpath, or an explanation of what to build. */
    String classpath() throws IOException {
        Path peer = root.resolve("bench/target/liblsl-peer");
        Path benchJar = Path.of(LiblslPeerProcess.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        if (!Files.isDirectory(peer)) {
            throw new IllegalStateException(peer + " is missing: build with `mvn -DskipTests package` (it copies "
                    + "lsl4j's test-jar and JNA there for the liblsl side of the benchmark)");
        }
        if (!Files.isDirectory(root.resolve(".liblsl"))) {
            throw new IllegalStateException(
                    root.resolve(".liblsl") + " is missing: the build fetches liblsl there " + "(npm)");
        }
        List<String> cp = new ArrayList<>();
        cp.add(benchJar.toString());
        try (Stream<Path> jars = Files.list(peer)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> cp.add(p.toString()));
        }
        return String.join(File.pathSeparator, cp);
    }

    /** Runs one pair; the child's JSON result. */
    public JsonNode run(LslEndpoints from, LslEndpoints to, LslPairMain.Settings s)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-cp",
                classpath(),
                "-Dneuroloop.root=" + root,
                LslPairMain.class.getName(),
                from.label(),
                to.label()));
        cmd.addAll(s.args());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().remove("LSLAPICFG");
        Process p = pb.start();
        List<String> output = new ArrayList<>();
        JsonNode result = null;
        try (BufferedReader r = p.inputReader(StandardCharsets.UTF_8)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (l.startsWith(LslPairMain.RESULT)) {
                    result = JSON.readTree(l.substring(LslPairMain.RESULT.length()));
                } else {
                    output.add(l);
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (result == null || p.exitValue() != 0) {
            throw new IllegalStateException(from.label() + " -> " + to.label() + " failed (exit " + p.exitValue()
                    + "): " + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
        }
        return result;
    }
}
