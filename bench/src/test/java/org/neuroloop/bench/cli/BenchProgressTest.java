package org.neuroloop.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.neuroloop.deploy.report.ReportAssertions;

/**
 * Long benchmarks show progress on stderr (here not a terminal: {@code Progress}'s plain lines, the last one with
 * every step done) while stdout keeps only their JSON; shrunken workloads, so the figures mean nothing.
 */
class BenchProgressTest {

    @Test
    void dspSleepAndReplayBenchmarksShowProgressOnStderr() throws Exception {
        assertProgress("bench dsp", "11/11 runs", BenchDspCommandTest.SHRUNKEN);
        assertProgress(
                "bench sleep",
                "2/2 runs",
                "bench",
                "sleep",
                "--signal",
                "../shared/data/sleep/dreams_spindles/excerpt3.txt",
                "--fs",
                "50",
                "--repetitions",
                "1",
                "--warmups",
                "1",
                "--json");
        assertProgress("bench replay", "2/2 runs", "bench", "replay", "--copies", "1", "--runs", "1", "--json");
    }

    private static void assertProgress(String task, String done, String... args) throws Exception {
        ReportAssertions.Run r = ReportAssertions.run(BenchCli.commandLine(), args);
        assertEquals(0, r.code(), r.err());
        new ObjectMapper().readTree(r.out().strip()); // stdout holds only the JSON
        assertTrue(r.err().contains(task) && r.err().contains(done), task + " progress: " + r.err());
    }
}
