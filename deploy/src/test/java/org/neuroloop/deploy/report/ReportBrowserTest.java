package org.neuroloop.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.deploy.browser.HeadlessChromium;
import org.neuroloop.deploy.cli.NeuroLoopCli;

/**
 * Each report kind written by its command from real data in {@code ../shared/data} (S001 with 3 folds, DREAMS
 * excerpts 1 and 3 scored on the 1000 s expert 1 scored, a 125 s EEGMMIDB replay) and opened in real headless
 * Chromium as {@link ReportAssertions} checks it. The report of {@code bench latency} is the bench module's
 * {@code BenchLatencyReportTest}.
 */
class ReportBrowserTest {
    static final String MI = "../shared/data/mi/eegmmidb/";
    static final String DREAMS = "../shared/data/sleep/dreams_spindles/";
    static HeadlessChromium browser;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() throws Exception {
        String chromium = HeadlessChromium.binary();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium); .ci/run installs it");
        browser = new HeadlessChromium(chromium);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void motorImageryReportShowsFoldsConfusionRocAndTopographies() throws Exception {
        Path report = dir.resolve("mi.html");
        Run r = run(
                "evaluate",
                "mi",
                "--recording",
                MI + "S001R04.edf",
                MI + "S001R08.edf",
                MI + "S001R12.edf",
                "--pipeline",
                "csp-lda",
                "--kfold",
                "3",
                "--repeats",
                "1",
                "--json",
                "--report",
                report.toString());
        assertEquals(0, r.code, r.err);
        new ObjectMapper().readTree(r.out.strip()); // stdout holds only the JSON; progress went to stderr
        assertTrue(r.err.contains("evaluate csp-lda"), r.err);
        assertRendered(
                report, "fold-accuracy", "confusion-matrix", "roc", "topo-class0", "topo-class1", "topo-difference");
    }

    @Test
    void spindleReportShowsATimelineAndExamplePerExcerptScoresAndDelays() throws Exception {
        Path report = dir.resolve("spindles.html");
        Run r = run(
                "evaluate",
                "spindles",
                "--signal",
                DREAMS + "excerpt1.txt",
                "--fs",
                "100",
                "--reference",
                DREAMS + "Visual_scoring1_excerpt1.txt",
                "--hypnogram",
                DREAMS + "Hypnogram_excerpt1.txt",
                "--show-scoring",
                "expert2=" + DREAMS + "Visual_scoring2_excerpt1.txt",
                "--signal",
                DREAMS + "excerpt3.txt",
                "--fs",
                "50",
                "--reference",
                DREAMS + "Visual_scoring1_excerpt3.txt",
                "--hypnogram",
                DREAMS + "Hypnogram_excerpt3.txt",
                "--show-scoring",
                "expert2=" + DREAMS + "Visual_scoring2_excerpt3.txt",
                "--to",
                "1000",
                "--report",
                report.toString());
        assertEquals(0, r.code, r.err);
        assertRendered(
                report,
                "prf",
                "delay-histogram",
                "timeline-excerpt1-txt",
                "example-excerpt1-txt",
                "timeline-excerpt3-txt",
                "example-excerpt3-txt");
        // under the header one row per excerpt and the pooled row
        assertEquals(
                4,
                browser.evaluate("document.querySelectorAll('table#spindle-scores tr').length")
                        .asInt());
        assertEquals(
                2,
                browser.evaluate("document.querySelectorAll('figure[id^=\"timeline-\"]').length")
                        .asInt());
    }

    @Test
    void soPhaseReportShowsThePolarHistogram() throws Exception {
        Path report = dir.resolve("so.html");
        Run r = run(
                "evaluate",
                "so-phase",
                "--signal",
                DREAMS + "excerpt1.txt",
                "--fs",
                "100",
                "--hypnogram",
                DREAMS + "Hypnogram_excerpt1.txt",
                "--report",
                report.toString());
        assertEquals(0, r.code, r.err);
        assertRendered(report, "phase-polar");
    }

    @Test
    void replayReportShowsTheStimulationTimelineAndLatencies() throws Exception {
        Path report = dir.resolve("replay.html");
        Run r = run(
                "replay",
                MI + "S001R04.edf",
                "--pipeline",
                "spindles",
                "--chunk",
                "0.5",
                "--out",
                dir.resolve("ev.jsonl").toString(),
                "--json",
                "--report",
                report.toString());
        assertEquals(0, r.code, r.err);
        JsonNode summary = new ObjectMapper()
                .readTree(r.out.strip().substring(r.out.strip().lastIndexOf('\n') + 1));
        assertTrue(summary.get("stimulations").asInt() > 0, summary.toString());
        assertRendered(report, "stimulation-timeline", "latency-histogram");
    }

    static void assertRendered(Path report, String... ids) throws Exception {
        ReportAssertions.assertRendered(browser, report, ids);
    }

    static Run run(String... args) {
        ReportAssertions.Run r = ReportAssertions.run(NeuroLoopCli.commandLine(), args);
        return new Run(r.code(), r.out(), r.err());
    }

    record Run(int code, String out, String err) {}
}
