package org.neuroloop.deploy.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.lsl4j.thread.ThreadScheduling;

class IdleCorePollerTest {

    @Test
    void runsOneIdleClassLoopPerCoreAndStopsThem() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        List<Long> pids;
        try (IdleCorePoller poller = IdleCorePoller.start(2)) {
            assertEquals(2, poller.polling(), "both loops run (chrt from util-linux is on the test machine)");
            pids = poller.pids();
            for (long pid : pids) {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                assertEquals(ThreadScheduling.SCHED_IDLE, ThreadScheduling.policy(stat), stat);
            }
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "loop " + pid + " ended");
        }
    }
}
