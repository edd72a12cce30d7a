package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.lsl4j.LslConfig;
import picocli.CommandLine;

/** {@code --lsl-config FILE} opts in to a config file for the whole process, on every command. */
class LslConfigOptionTest {
    @AfterEach
    void backToTheSearch() {
        LslConfig.useFile(null);
    }

    @Test
    void aGoodFileIsUsedAndABadOneIsNamedWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("lab.cfg");
        Files.writeString(
                good, "[multicast]\nResolveScope = machine\n[lab]\nKnownPeers = {127.0.0.1}\nSessionID = lab-3\n");
        CommandLine cl = NeuroLoopCli.commandLine();
        assertEquals(0, cl.execute("play", "--lsl-config", good.toString(), "--help"));
        assertEquals(good, LslConfig.current().source());
        assertEquals("lab-3", LslConfig.current().sessionId());

        Path bad = dir.resolve("bad.cfg");
        Files.writeString(bad, "[ports]\nBasePort = lots\n");
        StringWriter err = new StringWriter();
        CommandLine cl2 = NeuroLoopCli.commandLine();
        cl2.setErr(new PrintWriter(err));
        assertEquals(2, cl2.execute("info", "--lsl-config", bad.toString(), "x.edf"));
        assertTrue(err.toString().contains(bad.toString()) && err.toString().contains("baseport"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }
}
