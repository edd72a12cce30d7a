package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input through the real command line: one line naming the command and the file, exit 2, no stack trace. */
class CliErrorsTest {

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = NeuroLoopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void missingRecordingIsOneLineNamingTheFile(@TempDir Path dir) {
        String missing = dir.resolve("nothing-here.xdf").toString();
        String[] r = run("play", missing);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("neuroloop play: " + missing), r[1]);
        assertFalse(r[1].contains("\tat "), r[1]);
    }

    @Test
    void fileThatIsNoRecordingNamesItsMagicBytes() {
        String[] r = run("detect", "spindles", "--signal", "pom.xml", "--fs", "200");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("pom.xml at byte 0"), r[1]);
        assertFalse(r[1].contains("\tat "), r[1]);
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new NullPointerException("x was null");
        }
    }

    @Test
    void anUnexpectedFailureIsOneLineWithAHintAndExitOne() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Boom());
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new CliErrors(false));
        assertEquals(1, cl.execute());
        assertTrue(err.toString().contains("failed: NullPointerException: x was null"), err::toString);
        assertTrue(err.toString().contains("NEUROLOOP_DEBUG=1"), err::toString);
        assertFalse(err.toString().contains("\tat "), err::toString);
    }
}
