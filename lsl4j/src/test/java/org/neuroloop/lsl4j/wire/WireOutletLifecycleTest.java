package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroloop.lsl4j.wire.LiblslInlets.WAIT;
import static org.neuroloop.lsl4j.wire.LiblslInlets.inletFor;
import static org.neuroloop.lsl4j.wire.LiblslInlets.outlet;
import static org.neuroloop.lsl4j.wire.LiblslInlets.pullAll;
import static org.neuroloop.lsl4j.wire.LiblslInlets.unique;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamInlet;

/**
 * {@link WireOutlet}'s lifecycle: a full port range, waiting for consumers, every thread ending on close, and
 * consumers connecting and leaving while samples are pushed.
 */
class WireOutletLifecycleTest {
    @Test
    @Timeout(30)
    void failsClearlyWhenNoPortOfTheRangeIsFreeAndWaitsForConsumersWithATimeout() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                StreamInfo info = StreamInfo.create(unique("full"), "EEG", 1, 10, ChannelFormat.FLOAT32, "")) {
            LslConfig oneTakenPort = new LslConfig(
                    taken.getLocalPort(), 1, 0, "disable", "machine", List.of(), 0, List.of(), "default", null);
            LslException e = assertThrows(
                    LslException.class, () -> new WireOutlet(Lsl4jInfo.of(info.toXml()), 360, oneTakenPort));
            assertTrue(
                    e.getMessage().contains("no free TCP port on 127.0.0.1 in " + taken.getLocalPort()),
                    e.getMessage());
            try (WireOutlet out = new WireOutlet(Lsl4jInfo.of(info.toXml()), 360)) {
                assertFalse(out.waitForConsumers(0.2));
                assertFalse(out.haveConsumers());
            }
        }
    }

    @Test
    @Timeout(30)
    void closeEndsEveryThreadOfTheOutlet() {
        String name = unique("threads");
        WireOutlet out = outlet(name, "EEG", 1, 10, ChannelFormat.FLOAT32, "");
        try (StreamInlet in = inletFor(out)) {
            assertTrue(out.waitForConsumers(WAIT));
            List<String> threads = outletThreads(name);
            assertTrue(
                    threads.contains("lsl-wire-" + name + "-accept")
                            && threads.contains("lsl-wire-" + name + "-service")
                            && threads.stream().anyMatch(t -> t.startsWith("lsl-wire-" + name + "-feed-")),
                    threads.toString());
            out.close();
            assertEquals(List.of(), outletThreads(name));
        } finally {
            out.close();
        }
    }

    private static List<String> outletThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("lsl-wire-" + name + "-"))
                .sorted()
                .toList();
    }

    @Test
    @Timeout(60)
    void consumersComingAndGoingWhilePushingNeverDisturbThePusher() throws Exception {
        int channels = 4;
        try (WireOutlet out = outlet(unique("churn"), "EEG", channels, 1000, ChannelFormat.FLOAT32, "")) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread pusher = new Thread(
                    () -> {
                        float[] d = new float[10 * channels];
                        double[] ts = new double[10];
                        try {
                            while (!stop.get()) {
                                out.pushChunk(d, 10, ts, true); // timestamps 0: now
                                LockSupport.parkNanos(200_000);
                            }
                        } catch (Throwable t) {
                            failure.set(t);
                        }
                    },
                    "test-pusher");
            pusher.start();
            try {
                for (int k = 0; k < 30; k++) {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), out.dataPort())) {
                        s.setSoTimeout(10_000);
                        s.getOutputStream()
                                .write(("LSL:streamfeed/110 " + out.uid() + "\r\nData-Protocol-Version: 110\r\n"
                                                + "Max-Buffer-Length: 1000\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                        if (k % 3 != 0) { // some hang up at once, others after reading some data
                            assertTrue(s.getInputStream().readNBytes(4096).length == 4096);
                        }
                    }
                }
                try (StreamInlet in = inletFor(out)) {
                    float[] got = new float[100 * channels];
                    double[] ts = new double[100];
                    assertEquals(100, pullAll(in, got, ts, 100, channels));
                }
            } finally {
                stop.set(true);
                pusher.join(10_000);
            }
            assertEquals(null, failure.get());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (out.haveConsumers() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(out.haveConsumers(), "every departed consumer is removed");
        }
    }
}
