package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake time service on 127.0.0.1 whose clock runs {@code offset} seconds ahead of ours (t1 = t2 = our clock +
 * offset, no processing time) and that answers only the first {@code answered} probes of each wave.
 */
final class FakeTimeService implements AutoCloseable {
    final DatagramSocket socket;
    final AtomicReference<Double> offset;
    private final Thread thread;

    FakeTimeService(double initialOffset, int answered) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        offset = new AtomicReference<>(initialOffset);
        thread = new Thread(
                () -> {
                    byte[] buf = new byte[512];
                    Map<String, Integer> perWave = new HashMap<>();
                    try {
                        while (true) {
                            DatagramPacket p = new DatagramPacket(buf, buf.length);
                            socket.receive(p);
                            String[] lines = new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII).split("\r\n");
                            if (!lines[0].equals("LSL:timedata")) {
                                continue;
                            }
                            String[] f = lines[1].trim().split(" ");
                            if (perWave.merge(f[0], 1, Integer::sum) > answered) {
                                continue;
                            }
                            double t = TimeCorrectionProbe.localClock() + offset.get();
                            byte[] reply =
                                    (" " + f[0] + " " + f[1] + " " + t + " " + t).getBytes(StandardCharsets.US_ASCII);
                            socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                        }
                    } catch (IOException e) {
                        // closed
                    }
                },
                "fake-timedata");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
