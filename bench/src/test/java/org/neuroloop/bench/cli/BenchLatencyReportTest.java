package org.neuroloop.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.deploy.browser.HeadlessChromium;
import org.neuroloop.deploy.report.ReportAssertions;

/**
 * The report of {@code bench latency} from a short run of the command (a smoke run: its figures are not looked at),
 * opened in real headless Chromium like every other report: the stimulation timeline and the latency histogram are
 * drawn, nothing is fetched, no console error; the progress bar went to stderr and stdout holds only the JSON.
 */
class BenchLatencyReportTest {

    @TempDir
    Path dir;

    @Test
    void reportShowsTheStimulationTimelineAndTheLatencyHistogram() throws Exception {
        String chromium = HeadlessChromium.binary();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium); .ci/run installs it");
        Path report = dir.resolve("latency.html");
        ReportAssertions.Run r = ReportAssertions.run(
                BenchCli.commandLine(),
                "bench",
                "latency",
                "--channels",
                "8",
                "--seconds",
                "4",
                "--warmup",
                "2",
                "--json",
                "--report",
                report.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out().strip();
        JsonNode j = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        assertTrue(j.get("detected").asInt() > 0, j.toString());
        assertTrue(r.err().contains("bench latency"), "progress on stderr: " + r.err());
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            ReportAssertions.assertRendered(browser, report, "stimulation-timeline", "latency-histogram");
        }
    }
}
