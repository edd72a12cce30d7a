package org.neuroloop.deploy.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.neuroloop.lsl4j.thread.ThreadScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps idle cores polling instead of halting, so that a closed-loop thread woken by a sample or a marker runs within
 * microseconds: the software counterpart of booting with {@code idle=poll}.
 *
 * <p>Why: on a virtual machine an idle virtual CPU halts, and waking it again goes through the hypervisor. Every LSL
 * hop and Flink hand-off of the closed loop is such a wake-up, so these halts reach its p99; {@code neuroloop bench
 * wake} measures them with idle cores halting and polling (figures: README, "Garbage collector and the latency
 * tail").
 *
 * <p>How: one busy shell loop per core, started under Linux's {@code SCHED_IDLE} class ({@code chrt --idle 0}), so
 * that any other runnable thread of any process preempts it at once: it only takes time no one else wants. The loops
 * are separate processes, not JVM threads, so they never hold up the JVM's safepoints, and each checks that this JVM
 * is alive ({@code kill -0}), so they end with it even when it is killed. If {@code chrt} is missing or refused, no
 * loop runs: a spinner at normal priority would compete with the pipeline it is meant to help. The cost is the idle
 * CPU time itself (every core shows busy), so this is an opt-in for live sessions on a dedicated machine.
 */
public final class IdleCorePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdleCorePoller.class);

    private final List<Process> loops;

    private IdleCorePoller(List<Process> loops) {
        this.loops = loops;
    }

    /** Pollers that do nothing, for a run without them. */
    public static IdleCorePoller none() {
        return new IdleCorePoller(List.of());
    }

    /** Starts one polling loop per available processor. */
    public static IdleCorePoller start() {
        return start(Runtime.getRuntime().availableProcessors());
    }

    /** Starts {@code cores} polling loops, or none (logged) when {@code SCHED_IDLE} is not available. */
    public static IdleCorePoller start(int cores) {
        List<Process> loops = new ArrayList<>();
        long me = ProcessHandle.current().pid();
        String loop = "while kill -0 " + me + " 2>/dev/null; do :; done";
        try {
            for (int i = 0; i < cores; i++) {
                Process p = new ProcessBuilder("chrt", "--idle", "0", "sh", "-c", loop)
                        .redirectErrorStream(true)
                        .start();
                loops.add(p);
                int policy = policyOf(p);
                if (policy != ThreadScheduling.SCHED_IDLE) {
                    String out =
                            p.isAlive() ? "" : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    LOG.warn(
                            "idle cores stay unpolled: 'chrt --idle' did not run a SCHED_IDLE loop ({})",
                            out.isBlank() ? "policy " + policy : out.trim());
                    stop(loops);
                    return new IdleCorePoller(List.of());
                }
            }
        } catch (IOException e) {
            LOG.warn("idle cores stay unpolled: cannot start 'chrt --idle' ({})", e.toString());
            stop(loops);
            return new IdleCorePoller(List.of());
        }
        LOG.info("idle cores polling: {} SCHED_IDLE loop(s)", loops.size());
        return new IdleCorePoller(loops);
    }

    /** Polling loops running; 0 when {@code SCHED_IDLE} was not available. */
    public int polling() {
        return (int) loops.stream().filter(Process::isAlive).count();
    }

    /** Process ids of the loops, for tests and logs. */
    public List<Long> pids() {
        return loops.stream().map(Process::pid).toList();
    }

    /** The scheduling policy of a started process, once {@code chrt} has exec'd its command; -1 if it ended. */
    private static int policyOf(Process p) throws IOException {
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (p.isAlive() && System.nanoTime() < deadline) {
            try {
                String line = Files.readString(stat);
                // before exec the process is still the forked JVM/chrt at normal policy: wait for the shell
                if (line.contains("(sh)") || line.contains("(dash)") || line.contains("(bash)")) {
                    return ThreadScheduling.policy(line);
                }
            } catch (IOException e) {
                if (!p.isAlive()) {
                    break;
                }
            }
            Thread.onSpinWait();
        }
        return -1;
    }

    private static void stop(List<Process> loops) {
        for (Process p : loops) {
            p.destroy();
        }
        for (Process p : loops) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /** Stops the loops. */
    @Override
    public void close() {
        stop(loops);
    }
}
