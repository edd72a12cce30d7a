package org.neuroloop.bench.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.SessionConfigLoader;

/**
 * The YAML session-config loader ({@link SessionConfigLoader#parse}), which documents {@link ConfigException}.
 * Validation is left out: it creates checkpoint folders and opens models, which a fuzzer must not do. Seeds are
 * the configs shipped in {@code configs/} on the classpath.
 */
final class SessionConfigFuzzTarget implements FuzzTarget {
    private static final String MINIMAL = "name: x\nsessions:\n  - id: a\n    synthetic: {scenario: spindles}\n"
            + "pipeline:\n  detector: {type: spindles, channel: C3}\noutputs:\n  - jsonl: {path: out.jsonl}\n";

    @Override
    public String name() {
        return "session-config";
    }

    @Override
    public List<String> instrumented() {
        return List.of("org.neuroloop.**", "com.fasterxml.jackson.**", "org.yaml.snakeyaml.**");
    }

    @Override
    public void parse(byte[] input) {
        SessionConfigLoader.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
    }

    @Override
    public boolean documented(Throwable failure) {
        return failure instanceof ConfigException;
    }

    @Override
    public List<byte[]> seeds(Path sharedData, int maxLength) throws IOException {
        List<byte[]> out = new ArrayList<>();
        out.add(MINIMAL.getBytes(StandardCharsets.UTF_8));
        URL configs = SessionConfigFuzzTarget.class.getClassLoader().getResource("configs");
        if (configs == null) {
            return out;
        }
        try {
            URI uri = configs.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    addAll(jar.getPath("configs"), maxLength, out);
                }
            } else {
                addAll(Path.of(uri), maxLength, out);
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot list the shipped configs at " + configs, e);
        }
        return out;
    }

    private static void addAll(Path dir, int maxLength, List<byte[]> out) throws IOException {
        for (Path p : SeedFiles.under(dir, ".yaml")) {
            out.add(SeedFiles.prefix(Files.readAllBytes(p), maxLength));
        }
    }
}
