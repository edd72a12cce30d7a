package org.neuroloop.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.neuroloop.deploy.browser.HeadlessChromium;
import picocli.CommandLine;

/**
 * What every report test checks in headless Chromium, shared with the bench module's tests (deploy's test-jar): the
 * report links and fetches nothing outside itself, loads without a console error, and each named plot is there,
 * decoded, shown at a non-zero size and inked (a fair share of its pixels is not white, in more than two colours).
 */
public final class ReportAssertions {

    private ReportAssertions() {}

    /** A command's exit code and what it printed. */
    public record Run(int code, String out, String err) {}

    /** Runs a command line in this JVM, capturing stdout and stderr. */
    public static Run run(CommandLine cli, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Opens the report in Chromium and checks every named plot is drawn. */
    public static void assertRendered(HeadlessChromium browser, Path report, String... ids) throws Exception {
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
}
