package org.neuroloop.deploy.job;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neuroloop.closedloop.output.OscMessage;

/** Receives the command ids of an OSC/UDP stimulation output on a loopback port until closed, in arrival order. */
public final class OscReceiver implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final Thread thread;

    /** @param onReceive runs after each datagram (e.g. counts them), or null */
    public OscReceiver(Runnable onReceive) throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(100);
        thread = new Thread(
                () -> {
                    byte[] buf = new byte[2048];
                    while (listening.get()) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        try {
                            socket.receive(p);
                            ids.add((String) OscMessage.decode(p.getData(), p.getLength())
                                    .arguments()
                                    .get(0));
                            if (onReceive != null) {
                                onReceive.run();
                            }
                        } catch (SocketTimeoutException e) {
                            // poll the flag
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "osc-receiver");
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The ids received so far. */
    public List<String> ids() {
        synchronized (ids) {
            return new ArrayList<>(ids);
        }
    }

    public int count() {
        return ids.size();
    }

    /** Waits {@code lingerMillis} for datagrams still in flight, then stops. */
    public void close(long lingerMillis) throws InterruptedException {
        Thread.sleep(lingerMillis);
        close();
    }

    @Override
    public void close() throws InterruptedException {
        listening.set(false);
        thread.join();
        socket.close();
    }
}
