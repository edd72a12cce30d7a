package org.neuroloop.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.deploy.browser.HeadlessChromium;
import org.neuroloop.deploy.cli.NeuroLoopCli;

/**
 * Each report kind written by its command from real data in {@code ../shared/data} (S001 with 3 folds, DREAMS
 * excerpts 1 and 3 scored on the
 * 1000 s expert 1 scored, a 125 s EEGMMIDB replay) and opened in real headless Chromium: the page
 * loads with no console error and fetches nothing, and each named plot is there, decoded, shown at a non-zero size,
 * and inked (a fair share of its pixels is not white, in more than two colours).
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

    /** Opens the report in Chromium and checks every named plot is drawn. */
    static void assertRendered(Path report, String... ids) throws Exception {
        String html = Files.readString(report);
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http"), "the report links outside itself");
        int errorsBefore = browser.errors().size();
        browser.navigate(report.toUri().toString());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!browser.evaluate("document.readyState === 'complete' && document.images.length > 0")
                .asBoolean()) {
            assertTrue(System.nanoTime() < deadline, "report did not load: " + report);
            Thread.sleep(100);
        }
        assertEquals(
                0,
                browser.evaluate("performance.getEntriesByType('resource').length")
                        .asInt(),
                "the report fetched something");
        for (String id : ids) {
            JsonNode p = browser.evaluate(PLOT_PROBE.replace("ID", id));
            assertTrue(p.path("found").asBoolean(), "no plot #" + id + " in " + report);
            assertTrue(
                    p.path("shownWidth").asDouble() > 100
                            && p.path("shownHeight").asDouble() > 100,
                    id + " is not shown: " + p);
            assertTrue(p.path("naturalWidth").asInt() > 0, id + " did not decode: " + p);
            assertTrue(p.path("inked").asDouble() > 0.02 && p.path("colours").asInt() > 2, id + " looks empty: " + p);
        }
        List<String> errors = browser.errors();
        assertEquals(List.of(), errors.subList(errorsBefore, errors.size()), "console errors in " + report);
    }

    /** Size, decoding and ink of the image in figure#ID: drawn on a canvas, share of non-white pixels. */
    static final String PLOT_PROBE = """
            (() => {
              const img = document.querySelector('figure#ID img');
              if (!img) return {found: false};
              const r = img.getBoundingClientRect();
              const c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              const g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              const d = g.getImageData(0, 0, c.width, c.height).data;
              let ink = 0; const colours = new Set();
              for (let i = 0; i < d.length; i += 4) {
                if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) {
                  ink++;
                  colours.add(d[i] >> 4 << 8 | d[i + 1] >> 4 << 4 | d[i + 2] >> 4);
                }
              }
              return {found: true, shownWidth: r.width, shownHeight: r.height, naturalWidth: img.naturalWidth,
                      inked: ink / (d.length / 4), colours: colours.size};
            })()""";

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = NeuroLoopCli.commandLine().execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
