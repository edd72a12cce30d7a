package org.neuroloop.lsl4j.thread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Linux scheduling class a thread runs under, read from {@code /proc}: whether the closed loop runs at real-time
 * priority ({@code SCHED_FIFO}, which the {@code neuroloop} launcher asks for with {@code chrt} on live commands) or
 * shares the cores with everything else ({@code SCHED_OTHER}). Live commands print it and {@code bench latency}
 * reports it, because it decides the latency tail on a loaded machine (README, "Real-time priority").
 */
public final class ThreadScheduling {
    /** {@code SCHED_OTHER}, the default time-sharing class. */
    public static final int SCHED_OTHER = 0;
    /** {@code SCHED_FIFO}, real-time first-in first-out. */
    public static final int SCHED_FIFO = 1;
    /** {@code SCHED_RR}, real-time round-robin. */
    public static final int SCHED_RR = 2;
    /** {@code SCHED_BATCH}. */
    public static final int SCHED_BATCH = 3;
    /** {@code SCHED_IDLE}: runs only when nothing else wants the core. */
    public static final int SCHED_IDLE = 5;
    /** 1-based index of the real-time priority field in {@code /proc/.../stat}. */
    private static final int PRIORITY_FIELD = 40;
    /** 1-based index of the policy field in {@code /proc/.../stat}. */
    private static final int POLICY_FIELD = 41;

    private ThreadScheduling() {}

    /**
     * The calling thread's class and real-time priority, e.g. {@code "SCHED_FIFO 1"} or {@code "SCHED_OTHER"};
     * {@code "unknown"} where {@code /proc/thread-self} does not exist (not Linux).
     */
    public static String ofCurrentThread() {
        try {
            return describe(Files.readString(Path.of("/proc/thread-self/stat")));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Class and priority of a {@code /proc/.../stat} line, as {@link #ofCurrentThread()} words it. */
    static String describe(String stat) {
        int policy = policy(stat);
        String name = name(policy);
        return policy == SCHED_FIFO || policy == SCHED_RR ? name + " " + field(stat, PRIORITY_FIELD) : name;
    }

    /** The policy field of a {@code /proc/.../stat} line. */
    public static int policy(String stat) {
        return Integer.parseInt(field(stat, POLICY_FIELD));
    }

    /** The name of a policy number. */
    static String name(int policy) {
        return switch (policy) {
            case SCHED_OTHER -> "SCHED_OTHER";
            case SCHED_FIFO -> "SCHED_FIFO";
            case SCHED_RR -> "SCHED_RR";
            case SCHED_BATCH -> "SCHED_BATCH";
            case SCHED_IDLE -> "SCHED_IDLE";
            default -> "policy " + policy;
        };
    }

    /** A 1-based field of a {@code stat} line, counted after the command name (which may hold spaces). */
    private static String field(String stat, int oneBased) {
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return rest[oneBased - 3];
    }
}
