package org.neuroloop.bench.latency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.dashboard.Dashboard;
import org.neuroloop.deploy.job.ConfiguredOutputs;
import org.neuroloop.deploy.job.ConfiguredSources;
import org.neuroloop.deploy.job.NeuroLoopJob;

/**
 * Builds a benchmark's job with a live dashboard attached, as {@code --dashboard} does: the dashboard server runs
 * in this process, the job gets its monitor sinks and control stream, and a client reads the page's event stream
 * ({@code /events}, what an open page receives) for the whole run, so the job and the server do all the work a
 * connected page causes.
 */
public final class DashboardAttachment implements Function<ResolvedConfig, NeuroLoopJob>, AutoCloseable {
    private final AtomicLong bytesRead = new AtomicLong();
    private Dashboard dashboard;
    private Thread reader;

    @Override
    public NeuroLoopJob apply(ResolvedConfig config) {
        try {
            dashboard = Dashboard.start(config, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard did not start", e);
        }
        URI events = URI.create("http://127.0.0.1:" + dashboard.port() + "/events");
        reader = new Thread(() -> read(events), "dashboard-events-client");
        reader.setDaemon(true);
        reader.start();
        return dashboard.wiring().job(config, ConfiguredSources.of(config), ConfiguredOutputs.of(config));
    }

    private void read(URI events) {
        try {
            InputStream in = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofInputStream())
                    .body();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                bytesRead.addAndGet(n);
            }
        } catch (IOException e) {
            // the server closed at the end of the run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes of the event stream the client received. */
    public long bytesRead() {
        return bytesRead.get();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.interrupt();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }
}
