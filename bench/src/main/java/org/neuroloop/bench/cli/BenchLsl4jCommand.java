package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.bench.Lsl4jLoadBenchmark;
import org.neuroloop.deploy.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neuroloop bench lsl4j}: one-hop latency, throughput and load figures of lsl4j on this machine. */
@Command(
        name = "lsl4j",
        mixinStandardHelpOptions = true,
        description = "lsl4j on loopback: one hop, throughput at 64 ch float32, a long paced stream (lost samples,"
                + " heap), many consumers of one outlet, many outlets in one resolve.")
public final class BenchLsl4jCommand implements Callable<Integer> {
    @Option(names = "--channels", defaultValue = "64", description = "Channels (float32). Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--rate", defaultValue = "1000", description = "Paced rate, Hz. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--hop-seconds",
            defaultValue = "10",
            description = "Length of the one-hop run. Default: ${DEFAULT-VALUE}.")
    double hopSeconds;

    @Option(names = "--throughput-seconds", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.")
    double throughputSeconds;

    @Option(
            names = "--minutes",
            defaultValue = "0",
            description = "Length of the sustained paced run (0 = skip). " + "Default: ${DEFAULT-VALUE}.")
    double minutes;

    @Option(
            names = "--consumers",
            defaultValue = "30",
            description = "Inlets on one outlet (0 = skip). Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(
            names = "--outlets",
            defaultValue = "100",
            description = "Outlets found by one resolve (0 = skip). " + "Default: ${DEFAULT-VALUE}.")
    int outlets;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (channels < 1
                || !(rate > 0)
                || !(hopSeconds > 0)
                || !(throughputSeconds > 0)
                || minutes < 0
                || consumers < 0
                || outlets < 0) {
            System.err.println("bench lsl4j: --channels, --rate, --hop-seconds, --throughput-seconds must be > 0; "
                    + "--minutes, --consumers, --outlets >= 0");
            return 2;
        }
        Lsl4jLoadBenchmark b = new Lsl4jLoadBenchmark();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "lsl4j");
        out.put(
                "load_average_before",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.err.println("bench lsl4j: one hop...");
        out.put("one_hop", b.oneHop(channels, rate, hopSeconds));
        System.err.println("bench lsl4j: throughput...");
        out.put("throughput", b.throughput(channels, 32, throughputSeconds));
        if (minutes > 0) {
            try (Progress progress = Progress.timed("bench lsl4j sustained", minutes * 60.0)) {
                out.put("sustained", b.sustained(channels, rate, minutes));
            }
        }
        if (consumers > 0) {
            System.err.println("bench lsl4j: " + consumers + " consumers...");
            out.put("consumers", b.consumers(consumers, channels, rate, 5));
        }
        if (outlets > 0) {
            System.err.println("bench lsl4j: " + outlets + " outlets...");
            out.put("outlets", b.outlets(outlets));
        }
        out.put(
                "load_average_after",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        ObjectMapper m = new ObjectMapper();
        if (!json) {
            m.enable(SerializationFeature.INDENT_OUTPUT);
        }
        System.out.println(m.writeValueAsString(out));
        return 0;
    }
}
