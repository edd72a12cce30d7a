package org.neuroloop.lsl4j.thread;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the threads a closed loop waits on to Linux's real-time class ({@code SCHED_FIFO}) when the JVM is started
 * with {@code -Dneuroloop.realtime.priority=N} (1–99; the {@code neuroloop} launcher sets 1 for live commands where
 * the system allows it). Those threads are the LSL feeds that send samples and markers, the fetchers that read them,
 * and the pipeline's task threads; each calls {@link #raiseCurrentThread()} once as it starts its work.
 *
 * <p>Why: a time-shared thread woken by a sample waits for the scheduler's wake-up preemption (milliseconds) while
 * another thread, of this JVM (the JIT, the collector) or of another process, holds the core; that wait decides the
 * closed loop's latency tail. A real-time thread preempts them at once. Only these threads are raised: the JIT
 * compilers and collectors stay time-shared, so a long compilation never holds up a decision. Their code blocks on
 * I/O and never spins, and Linux keeps 5 % of every second for time-shared tasks ({@code sched_rt_runtime_us}).
 *
 * <p>With {@code -Dneuroloop.realtime.cpu=K} the raised threads are also pinned to CPU {@code K}. The closed loop is a
 * chain of hand-offs (socket to fetcher, fetcher to task thread, task thread to marker socket); on a virtual machine
 * each hand-off to a thread on another, halted virtual CPU waits for the hypervisor to wake that CPU, and those
 * wake-ups made the latency tail. On one CPU every hand-off is a context switch on a CPU that is already awake. The
 * chain uses a small fraction of one core, and the JIT and collectors keep every CPU.
 *
 * <p>How: {@code chrt -f -p N TID} (and {@code taskset -p -c K TID}), the thread id read from
 * {@code /proc/thread-self}; it needs root, {@code CAP_SYS_NICE} or an {@code rtprio} limit. Refused, the thread stays
 * time-shared (or unpinned) and one warning says so.
 */
public final class RealtimeThreads {
    /** The system property naming the priority; unset or 0 leaves every thread time-shared. */
    public static final String PROPERTY = "neuroloop.realtime.priority";

    /** The system property naming the CPU the raised threads are pinned to; unset leaves them free. */
    public static final String CPU_PROPERTY = "neuroloop.realtime.cpu";

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeThreads.class);
    private static final AtomicInteger RAISED = new AtomicInteger();
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private RealtimeThreads() {}

    /** The configured priority, 0 when real-time threads are off. */
    public static int priority() {
        return Math.max(0, Math.min(99, Integer.getInteger(PROPERTY, 0)));
    }

    /** The CPU the raised threads are pinned to, or -1 when they are not pinned. */
    public static int cpu() {
        return Math.max(-1, Integer.getInteger(CPU_PROPERTY, -1));
    }

    /**
     * Moves the calling thread to {@code SCHED_FIFO} at {@link #priority()}, once per thread; does nothing when the
     * priority is 0.
     *
     * @return true if the thread now runs at real-time priority
     */
    public static boolean raiseCurrentThread() {
        return raiseCurrentThread(true);
    }

    /**
     * As {@link #raiseCurrentThread()}, pinning the thread to {@link #cpu()} only if {@code pin}: a benchmark's
     * stand-ins for programs outside NeuroLoop (an amplifier, a stimulator) may stay free, as those programs would.
     *
     * @return true if the thread now runs at real-time priority
     */
    public static boolean raiseCurrentThread(boolean pin) {
        int p = priority();
        if (p == 0) {
            return false;
        }
        if (DONE.get()) {
            return true;
        }
        String name = Thread.currentThread().getName();
        String failure;
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self"))
                    .getFileName()
                    .toString();
            failure = run("chrt", "-f", "-p", Integer.toString(p), tid);
            if (failure == null && pin && cpu() >= 0) {
                String pinned = run("taskset", "-p", "-c", Integer.toString(cpu()), tid);
                if (pinned != null) {
                    warn(name, "taskset: " + pinned);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (failure != null) {
            warn(name, failure);
            return false;
        }
        DONE.set(Boolean.TRUE);
        int n = RAISED.incrementAndGet();
        LOG.debug("thread '{}' at SCHED_FIFO {} ({} raised)", name, p, n);
        return true;
    }

    /** Runs a scheduling command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            return command[0] + (out.isEmpty() ? " failed" : ": " + out);
        }
        return null;
    }

    /** Threads raised so far in this JVM. */
    public static int raised() {
        return RAISED.get();
    }

    /** What live commands print: the class their decision threads get. */
    public static String describe() {
        int p = priority();
        if (p == 0) {
            return "time-shared";
        }
        return "SCHED_FIFO " + p + " for the decision path" + (cpu() >= 0 ? ", pinned to CPU " + cpu() : "");
    }

    private static void warn(String thread, String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn(
                    "real-time priority refused for thread '{}' ({}); the closed loop stays time-shared."
                            + " Needs root, CAP_SYS_NICE or an rtprio limit; NEUROLOOP_REALTIME=0 turns it off",
                    thread,
                    why);
        }
    }
}
