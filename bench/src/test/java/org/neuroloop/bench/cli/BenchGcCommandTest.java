package org.neuroloop.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Argument checks of {@link BenchGcCommand}; the comparison itself starts one JVM and MiniCluster per collector and
 * round, so it runs as a benchmark ({@code neuroloop bench gc}), not here.
 */
class BenchGcCommandTest {

    @Test
    void unknownCollectorIsNamedAndExitsTwo() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new BenchGcCommand()).execute("--gcs", "g1,cms");
            assertEquals(2, code);
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("unknown collector 'cms'"), captured::toString);
    }

    @Test
    void everyCollectorHasAnMxBeanWordToCheckTheChild() {
        assertEquals(BenchGcCommand.COLLECTORS.keySet(), BenchGcCommand.MXBEAN_WORD.keySet());
    }
}
