package org.neuroloop.deploy.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One loopback standalone cluster per test JVM for the integration tests that take a {@link Running} parameter: a
 * JobManager and 2 TaskManager processes with one slot each from the packaged jars, the shaded job jar uploaded.
 * Starting one costs seconds of a loaded machine and the ITs run one after another in failsafe's JVM, so the first
 * test that asks starts it and it stops when the JVM's tests end. Each test's jobs run to their end before the next
 * test starts, so every test finds both slots free; {@link StandaloneClusterIT} replaces the TaskManagers it kills.
 */
final class SharedLoopbackCluster implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedLoopbackCluster.class);

    /**
     * The running cluster, its REST client and the id of the uploaded job jar.
     *
     * @param cluster the processes (for killing and replacing TaskManagers)
     * @param submitter REST client of the cluster
     * @param jarId the uploaded job jar
     */
    record Running(StandaloneCluster cluster, RestJobSubmitter submitter, String jarId)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws InterruptedException {
            cluster.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, k -> start(), Running.class);
    }

    private static Running start() {
        try {
            Path build = Path.of(System.getProperty("neuroloop.build.dir", "deploy/target"));
            String classpath = ClusterClasspath.fromLibDir(build.resolve("lib"));
            // One slot per TaskManager: a job at parallelism 2 occupies both, so every kill hits a running task.
            LoopbackClusterConfig cc = new LoopbackClusterConfig(
                    freePort(), freePort(), 2, 1, Files.createTempDirectory(build, "it-cluster-"));
            StandaloneCluster cluster =
                    new StandaloneCluster(cc, classpath, Path.of("").toAbsolutePath());
            try {
                cluster.start(Duration.ofSeconds(300)); // generous: CI machines may be loaded
                RestJobSubmitter submitter = new RestJobSubmitter(cc.restUrl());
                return new Running(cluster, submitter, submitter.upload(jobJar(build)));
            } catch (IOException | RuntimeException e) {
                cluster.stop(); // whatever did start
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start the loopback cluster: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the loopback cluster", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Path jobJar(Path target) throws IOException {
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("neuroloop-deploy-.*-job\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no job jar in " + target + ": run through `mvn verify`"));
        }
    }
}
