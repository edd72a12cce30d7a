package org.neuroloop.lsl4j.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadSchedulingTest {

    @Test
    void readsThePolicyAndPriorityFieldsAfterACommandNameWithSpacesAndParentheses() {
        // pid (comm) state ppid ... field 40 is the real-time priority, 41 the policy; this comm holds ") (" on purpose
        StringBuilder line = new StringBuilder("1234 (a) (b c) S");
        for (int field = 4; field <= 39; field++) {
            line.append(' ').append(field);
        }
        assertEquals(5, ThreadScheduling.policy(line + " 0 5 0 0 0"));
        assertEquals("SCHED_IDLE", ThreadScheduling.describe(line + " 0 5 0 0 0"));
        assertEquals("SCHED_FIFO 7", ThreadScheduling.describe(line + " 7 1 0 0 0"));
        assertEquals("SCHED_OTHER", ThreadScheduling.describe(line + " 0 0 0 0 0"));
    }

    @Test
    void seesAThreadMovedToRealTimePriorityAndOnlyThatThread() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux /proc");
        assertEquals("SCHED_OTHER", ThreadScheduling.ofCurrentThread(), "the test JVM runs time-shared");
        CompletableFuture<String> seen = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                String tid = Files.readSymbolicLink(Path.of("/proc/thread-self"))
                        .getFileName()
                        .toString();
                Process chrt = new ProcessBuilder("chrt", "-f", "-p", "1", tid)
                        .redirectErrorStream(true)
                        .start();
                String out = new String(chrt.getInputStream().readAllBytes());
                if (chrt.waitFor() != 0) {
                    seen.complete("chrt refused: " + out);
                    return;
                }
                seen.complete(ThreadScheduling.ofCurrentThread());
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        t.start();
        String policy = seen.get(30, TimeUnit.SECONDS);
        assumeTrue(!policy.startsWith("chrt refused"), policy);
        assertEquals("SCHED_FIFO 1", policy);
        assertEquals("SCHED_OTHER", ThreadScheduling.ofCurrentThread(), "other threads keep their class");
        t.join();
    }
}
