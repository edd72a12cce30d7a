package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.bench.wake.WakeProbe;
import org.neuroloop.deploy.host.IdleCorePoller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench wake}: the machine's thread wake-up latency (timed sleeps and loopback TCP hops, see
 * {@link WakeProbe}), with idle cores left to halt and with them kept polling ({@link IdleCorePoller}), alternating
 * in rounds so both see the same machine. It tells whether {@code --idle-poll} helps a live closed loop here.
 */
@Command(
        name = "wake",
        mixinStandardHelpOptions = true,
        description = "Thread wake-up latency (1 ms sleeps, loopback TCP hops) with idle cores halting vs polling.")
public final class BenchWakeCommand implements Callable<Integer> {

    @Option(
            names = "--seconds",
            defaultValue = "10",
            description = "Seconds per probe, mode and round. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds of both modes. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0) || rounds < 1) {
            System.err.println("bench wake: --seconds must be > 0 and --rounds >= 1");
            return 2;
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        int loops = 0;
        for (int round = 0; round < rounds; round++) {
            for (boolean poll : new boolean[] {false, true}) {
                String mode = poll ? "idle_poll" : "halting";
                try (IdleCorePoller poller = poll ? IdleCorePoller.start() : IdleCorePoller.none()) {
                    loops = Math.max(loops, poller.polling());
                    if (poll && poller.polling() == 0) {
                        System.err.println("bench wake: SCHED_IDLE loops unavailable here; only 'halting' measured");
                        continue;
                    }
                    System.err.printf("bench wake: round %d/%d, %s%n", round + 1, rounds, mode);
                    runs.computeIfAbsent(mode + ".sleep_1ms_overshoot", k -> new ArrayList<>())
                            .add(WakeProbe.sleepOvershootsMs(seconds));
                    runs.computeIfAbsent(mode + ".loopback_tcp_hop", k -> new ArrayList<>())
                            .add(WakeProbe.loopbackHopsMs(seconds));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds_per_probe", seconds);
        out.put("rounds", rounds);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("idle_poll_loops", loops);
        for (Map.Entry<String, List<double[]>> e : runs.entrySet()) {
            double[] all = e.getValue().stream().flatMapToDouble(Arrays::stream).toArray();
            out.put(e.getKey(), WakeProbe.summary(all));
        }
        out.put("load_average_before", loadBefore);
        out.put(
                "load_average_after",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out);
        System.out.println(json ? new ObjectMapper().writeValueAsString(out) : text);
        return 0;
    }
}
