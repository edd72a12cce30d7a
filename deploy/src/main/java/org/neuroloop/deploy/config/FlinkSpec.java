package org.neuroloop.deploy.config;

/**
 * How Flink runs the job, as written in YAML (null = default, applied by {@link ConfigResolver}).
 *
 * @param parallelism operator parallelism (sessions spread over this many subtasks)
 * @param bufferTimeoutMs network buffer flush timeout; 0 flushes every record (live), -1 only when full
 * @param checkpoint checkpointing; absent = off
 * @param restart restart strategy after a failure
 * @param objectReuse pass records between chained operators without copies (default: on for live jobs)
 */
public record FlinkSpec(
        Integer parallelism,
        Long bufferTimeoutMs,
        CheckpointSpec checkpoint,
        RestartSpec restart,
        Boolean objectReuse) {

    public static final FlinkSpec DEFAULTS = new FlinkSpec(null, null, null, null, null);

    public FlinkSpec(Integer parallelism, Long bufferTimeoutMs, CheckpointSpec checkpoint, RestartSpec restart) {
        this(parallelism, bufferTimeoutMs, checkpoint, restart, null);
    }

    /** Checkpoint every {@code intervalMs} to {@code dir} (a path or file:// URI; default: JobManager memory). */
    public record CheckpointSpec(Long intervalMs, String dir) {}

    /** {@code strategy} "none", "fixed-delay" ({@code attempts}, {@code delayMs}) or "exponential-delay". */
    public record RestartSpec(String strategy, Integer attempts, Long delayMs) {}
}
