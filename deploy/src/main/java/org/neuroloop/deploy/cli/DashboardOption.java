package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.net.BindException;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.dashboard.Dashboard;
import org.neuroloop.deploy.dashboard.DashboardWiring;
import org.neuroloop.deploy.job.ConfiguredOutputs;
import org.neuroloop.deploy.job.ConfiguredSources;
import org.neuroloop.deploy.job.NeuroLoopJob;
import picocli.CommandLine.Option;

/** {@code --dashboard[=PORT]}: the live dashboard of {@code run}, {@code demo}, {@code replay} and {@code submit}. */
final class DashboardOption {
    @Option(
            names = "--dashboard",
            arity = "0..1",
            paramLabel = "PORT",
            fallbackValue = "" + Dashboard.DEFAULT_PORT,
            description = "Serve the live dashboard on http://127.0.0.1:PORT (default port " + Dashboard.DEFAULT_PORT
                    + "); the address with the control token is printed.")
    Integer port;

    private Dashboard dashboard;

    boolean enabled() {
        return port != null;
    }

    /** The job of {@code config}, fed to a started dashboard when the option is given. */
    NeuroLoopJob job(ResolvedConfig config) throws IOException {
        DashboardWiring wiring = start(config);
        return wiring == null
                ? NeuroLoopJob.fromConfig(config)
                : wiring.job(config, ConfiguredSources.of(config), ConfiguredOutputs.of(config));
    }

    /** Starts the dashboard of {@code config} when the option is given; what a job needs to feed it, else null. */
    DashboardWiring start(ResolvedConfig config) throws IOException {
        if (port == null) {
            return null;
        }
        try {
            dashboard = Dashboard.start(config, port);
        } catch (BindException e) {
            throw new ConfigException(null, "--dashboard", "port " + port + " on 127.0.0.1 is in use; give another");
        }
        System.out.println("dashboard: " + dashboard.url());
        System.out.println("  (control token " + dashboard.token() + "; the page reads it from the address)");
        return dashboard.wiring();
    }

    /** After the job: keeps the page up until Ctrl-C, so the final counters stay visible. */
    void lingerAfterJob() throws InterruptedException {
        if (dashboard != null) {
            System.out.println("dashboard stays up on " + dashboard.url() + " until Ctrl-C");
            Thread.currentThread().join();
        }
    }

    void close() {
        if (dashboard != null) {
            dashboard.close();
        }
    }
}
