package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.sleep.SlowOscillationParameters;
import org.neuroloop.classifiers.sleep.SlowOscillationTargeter;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleDetector;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.deploy.cli.SleepSignal;
import org.neuroloop.deploy.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench sleep}: how many times faster than real time the online spindle detector runs over a
 * 30-minute single-channel recording, sample by sample as live (target ≥ 1000×). Median of repeated runs after
 * warm-up; wall and thread-CPU figures. The slow-oscillation targeter is timed on the same signal ({@code so_*}
 * fields, wall time).
 */
@Command(
        name = "sleep",
        mixinStandardHelpOptions = true,
        description =
                "Real-time factor of the online spindle detector (and of the slow-oscillation targeter) over a 30-minute single-channel recording.")
public final class BenchSleepCommand implements Callable<Integer> {
    static final double TARGET = 1000;

    @Option(
            names = "--signal",
            defaultValue = "../shared/data/sleep/dreams_spindles/excerpt2.txt",
            description =
                    "30-minute recording (default: DREAMS excerpt 2, 200 Hz; synthetic 200 Hz if it is missing). Default: ${DEFAULT-VALUE}.")
    Path signal;

    @Option(
            names = "--fs",
            defaultValue = "200",
            description = "Sampling rate of a plain-text --signal. Default: ${DEFAULT-VALUE}.")
    double fs;

    @Option(
            names = "--repetitions",
            defaultValue = "5",
            description = "Measured runs (median reported). Default: ${DEFAULT-VALUE}.")
    int repetitions;

    @Option(names = "--warmups", defaultValue = "3", description = "Untimed warm-up runs. Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        double[] x;
        double rate;
        String source;
        if (Files.exists(signal)) {
            SleepSignal s = SleepSignal.load(signal, fs, null);
            x = s.x();
            rate = s.fs();
            source = signal.toString();
        } else {
            rate = 200;
            x = new double[(int) (30 * 60 * rate)];
            Random r = new Random(1);
            double ar = 0;
            for (int i = 0; i < x.length; i++) {
                ar = 0.95 * ar + 5 * r.nextGaussian();
                x[i] = ar;
            }
            source = "synthetic AR(1) 30 min 200 Hz";
        }
        double[] t = new double[x.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i / rate;
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int[] events = new int[1];
        SpindleListener count = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {}

            @Override
            public void onSpindle(Spindle s) {
                events[0]++;
            }
        };
        double[] wall = new double[repetitions];
        double[] cpu = new double[repetitions];
        double[] soWall = new double[repetitions];
        int[] soTargets = new int[1];
        try (Progress progress = Progress.start("bench sleep", warmups + repetitions, "runs")) {
            for (int k = 0; k < warmups + repetitions; k++) {
                events[0] = 0;
                long c0 = tm.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                SpindleDetector d = new SpindleDetector(SpindleParameters.defaults(), rate);
                d.process(x, t, 0, x.length, count);
                d.flush(count);
                long w1 = System.nanoTime();
                long c1 = tm.getCurrentThreadCpuTime();
                // the slow-oscillation targeter (half-waves, calibrated ecHT phase) over the same signal, timed
                // on its own
                soTargets[0] = 0;
                long s0 = System.nanoTime();
                SlowOscillationTargeter so = new SlowOscillationTargeter(SlowOscillationParameters.defaults(), rate, 0);
                for (int i = 0; i < x.length; i++) {
                    so.step(x[i], t[i], null, pt -> soTargets[0]++);
                }
                long s1 = System.nanoTime();
                if (k >= warmups) {
                    wall[k - warmups] = (w1 - w0) / 1e9;
                    cpu[k - warmups] = (c1 - c0) / 1e9;
                    soWall[k - warmups] = (s1 - s0) / 1e9;
                }
                progress.step();
            }
        }
        double duration = x.length / rate;
        double medWall = median(wall), medCpu = median(cpu);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("signal", source);
        o.put("fs", rate);
        o.put("samples", x.length);
        o.put("recording_s", duration);
        o.put("median_wall_s", medWall);
        o.put("median_cpu_s", medCpu);
        o.put("realtime_factor", duration / medWall);
        o.put("realtime_factor_cpu", duration / medCpu);
        o.put("ns_per_sample", medWall * 1e9 / x.length);
        o.put("target_realtime_factor", TARGET);
        o.put("meets_target", duration / medWall >= TARGET);
        o.put("spindles_reported", events[0]);
        o.put("so_median_wall_s", median(soWall));
        o.put("so_realtime_factor", duration / median(soWall));
        o.put("so_targets", soTargets[0]);
        o.put("repetitions", repetitions);
        o.put("warmups", warmups);
        o.put("load_average_before", loadBefore);
        o.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "online spindle detector over %.0f s (%d samples @ %.0f Hz, %s): median %.3f s wall, %.3f s CPU%n",
                    duration,
                    x.length,
                    rate,
                    source,
                    medWall,
                    medCpu);
            System.out.printf(
                    Locale.ROOT,
                    "real-time factor %.0fx (CPU %.0fx), %.0f ns/sample; target %.0fx: %s%n",
                    duration / medWall,
                    duration / medCpu,
                    medWall * 1e9 / x.length,
                    TARGET,
                    duration / medWall >= TARGET ? "met" : "NOT met");
            System.out.printf(
                    Locale.ROOT,
                    "slow-oscillation targeter: median %.3f s wall, real-time factor %.0fx, %d targets%n",
                    median(soWall),
                    duration / median(soWall),
                    soTargets[0]);
        }
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
