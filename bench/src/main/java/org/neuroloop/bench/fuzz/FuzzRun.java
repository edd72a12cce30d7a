package org.neuroloop.bench.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * What one Jazzer run of a target did.
 *
 * @param target the target's name
 * @param executions inputs run (libFuzzer's {@code number_of_executed_units})
 * @param seconds wall time of the child JVM, start-up included
 * @param exitCode the child JVM's exit code (0: no finding)
 * @param findings crash inputs Jazzer wrote (empty when none)
 * @param log the run's full console output
 * @param firstFailure the first line of Jazzer's report of a finding, "" if none
 */
public record FuzzRun(
        String target,
        long executions,
        double seconds,
        int exitCode,
        List<Path> findings,
        Path log,
        String firstFailure) {

    public boolean clean() {
        return exitCode == 0 && findings.isEmpty();
    }
}
