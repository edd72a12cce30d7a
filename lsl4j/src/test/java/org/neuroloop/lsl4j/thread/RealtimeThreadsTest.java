package org.neuroloop.lsl4j.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamResolver;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.neuroloop.lsl4j.wire.WireOutlet;

class RealtimeThreadsTest {

    @Test
    void withoutThePropertyNothingIsRaised() throws Exception {
        assertEquals(0, RealtimeThreads.priority());
        assertEquals("time-shared", RealtimeThreads.describe());
        CompletableFuture<String> seen = new CompletableFuture<>();
        new Thread(() -> seen.complete(RealtimeThreads.raiseCurrentThread() + " " + ThreadScheduling.ofCurrentThread()))
                .start();
        assertEquals("false SCHED_OTHER", seen.get(30, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(60)
    void anOutletsFeedThreadRunsAtRealTimePriorityAndTheCallerKeepsItsClass() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux /proc");
        assumeTrue(new ProcessBuilder("chrt", "-f", "1", "true").start().waitFor() == 0, "chrt -f refused here");
        String before = System.getProperty(RealtimeThreads.PROPERTY);
        System.setProperty(RealtimeThreads.PROPERTY, "1");
        try {
            int raisedBefore = RealtimeThreads.raised();
            List<String> fifoBefore = threadsInClass(ThreadScheduling.SCHED_FIFO);
            String name = "nl-rt-" + UUID.randomUUID().toString().substring(0, 8);
            try (StreamInfo info = StreamInfo.create(name, "EEG", 2, 100, ChannelFormat.FLOAT32, name);
                    WireOutlet out = new WireOutlet(info, 360)) {
                List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 10);
                assertEquals(1, found.size(), "resolved " + name);
                LslInlet in = new WireInlet(found.get(0), 30);
                StreamResolver.closeAll(found);
                try (in) {
                    in.open(10);
                    assertTrue(out.waitForConsumers(10));
                    out.pushChunk(new float[] {1f, 2f}, 1, new double[] {0}, true);
                    float[] got = new float[2];
                    assertEquals(1, in.pullChunk(got, new double[1], 10));
                    assertEquals(2f, got[1]);
                    List<String> fifo = threadsInClass(ThreadScheduling.SCHED_FIFO);
                    fifo.removeAll(fifoBefore);
                    assertTrue(RealtimeThreads.raised() > raisedBefore, "the consumer's feed thread was raised");
                    assertTrue(
                            fifo.stream().anyMatch(n -> n.startsWith("lsl-wire-")),
                            "a lsl-wire feed thread runs SCHED_FIFO: " + fifo);
                }
            }
            assertEquals("SCHED_OTHER", ThreadScheduling.ofCurrentThread(), "the test thread stays time-shared");
            assertFalse(
                    threadsInClass(ThreadScheduling.SCHED_FIFO).stream().anyMatch(n -> n.contains("Compiler")),
                    "the JIT stays time-shared");
        } finally {
            if (before == null) {
                System.clearProperty(RealtimeThreads.PROPERTY);
            } else {
                System.setProperty(RealtimeThreads.PROPERTY, before);
            }
        }
    }

    @Test
    @Timeout(60)
    void withACpuTheRaisedThreadIsPinnedToItAndOthersStayFree() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "needs Linux /proc");
        assumeTrue(new ProcessBuilder("chrt", "-f", "1", "true").start().waitFor() == 0, "chrt -f refused here");
        int cpus = Runtime.getRuntime().availableProcessors();
        assumeTrue(cpus >= 2, "pinning is only visible with two CPUs or more");
        String last = Integer.toString(cpus - 1);
        System.setProperty(RealtimeThreads.PROPERTY, "1");
        System.setProperty(RealtimeThreads.CPU_PROPERTY, last);
        try {
            assertTrue(RealtimeThreads.describe().endsWith("pinned to CPU " + last), RealtimeThreads.describe());
            CompletableFuture<String> seen = new CompletableFuture<>();
            new Thread(() -> {
                        try {
                            seen.complete(RealtimeThreads.raiseCurrentThread() + " "
                                    + ThreadScheduling.ofCurrentThread() + " " + allowedCpus());
                        } catch (IOException e) {
                            seen.completeExceptionally(e);
                        }
                    })
                    .start();
            assertEquals("true SCHED_FIFO 1 " + last, seen.get(30, TimeUnit.SECONDS));
            assertEquals("0-" + last, allowedCpus(), "the caller keeps every CPU");
        } finally {
            System.clearProperty(RealtimeThreads.PROPERTY);
            System.clearProperty(RealtimeThreads.CPU_PROPERTY);
        }
    }

    /** The calling thread's allowed CPUs as the kernel lists them ("0-1", "1"). */
    private static String allowedCpus() throws IOException {
        return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElseThrow();
    }

    /** Names (as the kernel keeps them, 15 characters) of this JVM's threads in a scheduling class. */
    private static List<String> threadsInClass(int policy) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (ThreadScheduling.policy(Files.readString(task.resolve("stat"))) == policy) {
                        names.add(Files.readString(task.resolve("comm")).trim());
                    }
                } catch (IOException e) {
                    // the thread ended while listed
                }
            }
        }
        return names;
    }
}
