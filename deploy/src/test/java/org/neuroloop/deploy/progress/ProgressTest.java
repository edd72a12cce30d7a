package org.neuroloop.deploy.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Progress when stderr is not a terminal (as under the test runner): plain lines with task, count, total and rate on
 * stderr, no carriage returns or colour codes, and nothing on stdout.
 */
class ProgressTest {

    @Test
    void withoutATerminalProgressIsPlainLinesOnStderr() {
        assertFalse(Progress.stderrIsTerminal());
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try (Progress p = Progress.start("unit work", 40, "items")) {
                for (int i = 1; i <= 40; i++) {
                    p.stepTo(i);
                }
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(out.size() == 0, "stdout: " + out);
        assertTrue(e.contains("unit work") && e.contains("40/40 items") && e.contains("items/s"), e);
        assertFalse(e.contains("\r") || e.contains("\u001b["), e);
    }
}
