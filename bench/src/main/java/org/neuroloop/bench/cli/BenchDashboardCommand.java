package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.bench.DashboardCostBenchmark;
import org.neuroloop.deploy.browser.HeadlessChromium;
import org.neuroloop.deploy.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neuroloop bench dashboard}: CPU and memory a live dashboard with an open page costs a 1-session run. */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = "CPU with vs without a dashboard (page open in headless Chromium) on a 1-session real-time run,"
                + " then server and page memory sampled every minute while the page stays open.")
public final class BenchDashboardCommand implements Callable<Integer> {

    @Option(
            names = "--cpu-seconds",
            defaultValue = "60",
            description = "Seconds of each CPU measurement. Default: ${DEFAULT-VALUE}.")
    int cpuSeconds;

    @Option(
            names = "--minutes",
            defaultValue = "2",
            description = "Minutes the page stays open for memory samples. Default: ${DEFAULT-VALUE}.")
    int minutes;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (cpuSeconds < 1 || minutes < 0) {
            System.err.println("bench dashboard: --cpu-seconds must be >= 1 and --minutes >= 0");
            return 2;
        }
        String chromium = HeadlessChromium.binary();
        if (chromium == null) {
            System.err.println("bench dashboard: chromium is not installed (apt-get install chromium)");
            return 2;
        }
        Map<String, Object> out;
        try (Progress progress = Progress.timed("bench dashboard", 2 * (cpuSeconds + 10) + 60.0 * minutes)) {
            out = new DashboardCostBenchmark().run(chromium, cpuSeconds, minutes);
        }
        ObjectMapper m = new ObjectMapper();
        if (!json) {
            m.enable(SerializationFeature.INDENT_OUTPUT);
        }
        System.out.println(m.writeValueAsString(out));
        return 0;
    }
}
