package org.neuroloop.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Process CPU time and used heap sampled every 100 ms on the LSL clock ({@code System.nanoTime()}), to integrate CPU
 * over any window of a {@link ScaleBenchmark} step and to read the heap it kept live.
 */
final class ResourceSampler {
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    /** {LSL-clock seconds, process CPU seconds, used heap bytes}. */
    private final List<double[]> samples = new ArrayList<>();

    private Thread thread;
    private volatile boolean running;

    void start() {
        running = true;
        sample();
        thread = new Thread(
                () -> {
                    while (running) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                        sample();
                    }
                },
                "bench-scale-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        thread.join();
        sample();
    }

    private synchronized void sample() {
        samples.add(new double[] {
            System.nanoTime() / 1e9,
            os.getProcessCpuTime() / 1e9,
            memory.getHeapMemoryUsage().getUsed()
        });
    }

    /** CPU seconds from start to stop. */
    synchronized double total() {
        return samples.get(samples.size() - 1)[1] - samples.get(0)[1];
    }

    /** CPU seconds spent between two LSL-clock times (linear between samples). */
    synchronized double between(double from, double to) {
        return at(to) - at(from);
    }

    /**
     * Smallest used heap sampled between two LSL-clock times, bytes (NaN if none): used heap drops to the live
     * set after each collection, so its minimum over a window of several collections is that window's live heap.
     */
    synchronized double minHeap(double from, double to) {
        double min = Double.NaN;
        for (double[] s : samples) {
            if (s[0] >= from && s[0] <= to && !(s[2] >= min)) {
                min = s[2];
            }
        }
        return min;
    }

    private double at(double t) {
        double[] prev = samples.get(0);
        if (t <= prev[0]) {
            return prev[1];
        }
        for (double[] s : samples) {
            if (s[0] >= t) {
                double f = (t - prev[0]) / Math.max(1e-9, s[0] - prev[0]);
                return prev[1] + f * (s[1] - prev[1]);
            }
            prev = s;
        }
        return prev[1];
    }
}
