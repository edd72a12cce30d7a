package org.neuroloop.lsl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM on this test run's classpath, for tests that need a process of their own: its own working directory,
 * {@code lsl_api.cfg} and loaded LSL library.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /** The repository root, which the children get as {@code neuroloop.root} to find the fetched liblsl. */
    public static String root() {
        return System.getProperty("neuroloop.root", System.getProperty("user.dir"));
    }

    /**
     * A process builder that runs {@code main} with {@code args} on this JVM's classpath, stderr merged into stdout.
     *
     * @param option one JVM option, such as {@code -Dneuroloop.root=...}
     */
    public static ProcessBuilder of(String option, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(option);
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
