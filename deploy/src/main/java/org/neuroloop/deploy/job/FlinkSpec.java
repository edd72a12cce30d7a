package org.neuroloop.deploy.job;

/**
 * How Flink runs the job.
 *
 * @param parallelism operator parallelism (sessions spread over this many subtasks)
 * @param bufferTimeoutMs network buffer flush timeout; 0 flushes every record (live), -1 only when full
 * @param checkpoint checkpointing; absent = off
 * @param restart restart strategy after a failure
 */
public record FlinkSpec(Integer parallelism, Long bufferTimeoutMs, CheckpointSpec checkpoint, RestartSpec restart) {

    static final FlinkSpec DEFAULTS = new FlinkSpec(null, null, null, null);

    /** Checkpoint every {@code intervalMs} to {@code dir} (a path or file:// URI; default: JobManager memory). */
    public record CheckpointSpec(Long intervalMs, String dir) {
    }

    /** {@code strategy} "none", "fixed-delay" ({@code attempts}, {@code delayMs}) or "exponential-delay". */
    public record RestartSpec(String strategy, Integer attempts, Long delayMs) {
    }

    public int parallelismOr(int fallback) {
        return parallelism == null ? fallback : parallelism;
    }

    public long bufferTimeoutOr(long fallback) {
        return bufferTimeoutMs == null ? fallback : bufferTimeoutMs;
    }
}
