package org.neuroloop.lsl4j.liblsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.lsl4j.ChildJvm;

/** A process whose working directory has no lsl_api.cfg must refuse to load liblsl, saying why. */
class LslLoadGuardTest {

    private static String run(Path workingDir, int[] exit) throws Exception {
        ProcessBuilder pb = ChildJvm.of("-Dneuroloop.root=" + ChildJvm.root(), LslPeer.class, "load", "-");
        pb.directory(workingDir.toFile());
        pb.environment().remove("LSLAPICFG");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        exit[0] = p.exitValue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(120)
    void refusesWithoutALoopbackConfigAndLoadsWithOne(@TempDir Path dir) throws Exception {
        assumeFalse(
                Files.exists(Path.of(System.getProperty("user.home"), "lsl_api", "lsl_api.cfg"))
                        || Files.exists(Path.of("/etc/lsl_api/lsl_api.cfg")),
                "a machine-wide lsl_api.cfg exists");
        int[] exit = new int[1];
        String out = run(dir, exit);
        assertNotEquals(0, exit[0], out);
        assertTrue(out.contains("no lsl_api.cfg found in the working directory"), out);
        assertTrue(out.contains("multicast"), out);

        Files.writeString(dir.resolve("lsl_api.cfg"), "[multicast]\nResolveScope = site\n");
        out = run(dir, exit);
        assertNotEquals(0, exit[0], out);
        assertTrue(out.contains("is not loopback-only") && out.contains("ResolveScope = site"), out);

        Files.writeString(dir.resolve("lsl_api.cfg"), LoopbackConfig.EXAMPLE);
        out = run(dir, exit);
        assertEquals(0, exit[0], out);
        assertTrue(out.contains("@@ LOADED"), out);
    }
}
