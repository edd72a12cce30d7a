package org.neuroloop.deploy.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Classpath of the cluster processes: Flink, logging and the native-heavy libraries, but none of NeuroLoop's own
 * jars — those arrive with the submitted job jar, as on any Flink cluster.
 */
public final class ClusterClasspath {
    private ClusterClasspath() {}

    /** The current JVM's classpath without NeuroLoop's jars and class folders. */
    public static String fromCurrentJvm() {
        return filter(System.getProperty("java.class.path"));
    }

    /** All jars in a folder (e.g. {@code deploy/target/lib}) except NeuroLoop's own. */
    public static String fromLibDir(Path lib) throws IOException {
        try (var files = Files.list(lib)) {
            return filter(files.filter(p -> p.toString().endsWith(".jar"))
                    .map(Path::toString)
                    .sorted()
                    .collect(Collectors.joining(File.pathSeparator)));
        }
    }

    static String filter(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("neuroloop-"))
                .filter(e -> !e.replace('\\', '/')
                        .matches(".*/(dsp|ingest|classifiers|closedloop|deploy|bench)/target[^/]*/(test-)?classes/?"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
