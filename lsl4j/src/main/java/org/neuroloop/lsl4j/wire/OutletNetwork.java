package org.neuroloop.lsl4j.wire;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.UUID;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;

/**
 * The network side of one {@link WireOutlet}: binds its data and service ports (and the IPv6 ones beside them
 * under {@code IPv6 = allow}), publishes the {@link StreamInfoDocument} naming them, and runs the
 * {@link DataPortServer}s and {@link ServiceResponder}s until {@link #closePorts()}.
 */
final class OutletNetwork {
    private final String name;
    private final StreamInfoDocument info;
    private final int dataPort;
    private final int servicePort;
    private final String bindDescription;
    private final DataPortServer dataServer;
    private final DatagramChannel serviceChannel;
    private final Thread serviceThread;
    private final DatagramChannel responderChannel;
    private final Thread responderThread;
    /** The IPv6 endpoints beside the IPv4 ones ({@code IPv6 = allow}); null otherwise. */
    private final DataPortServer dataServer6;

    private final DatagramChannel serviceChannel6;
    private final Thread serviceThread6;

    /**
     * Binds the ports and starts answering.
     *
     * @param template the stream's info XML without the outlet's fields
     * @param backlog per-consumer backlog, samples
     * @throws LslException when no port of the configured range is free
     */
    OutletNetwork(
            String name, String template, LslConfig cfg, SampleCodec codec, int backlog, OutletConsumers consumers) {
        this.name = name;
        String threadPrefix = "lsl-wire-" + name;
        ServerSocketChannel tcp = null;
        DatagramChannel udp = null;
        DatagramChannel responder = null;
        ServerSocketChannel tcp6 = null;
        DatagramChannel udp6 = null;
        boolean v6Only = !cfg.ipv4();
        try {
            // the primary endpoints are IPv4, or IPv6 under IPv6 = force; IPv6 = allow adds IPv6 ones beside them
            InetAddress primary = v6Only ? OutletPorts.bindAddress6(cfg) : OutletPorts.bindAddress(cfg);
            tcp = OutletPorts.bindTcp(cfg, primary);
            udp = OutletPorts.bindUdp(cfg, primary);
            responder = DiscoveryPort.open(cfg, name);
            if (cfg.ipv6Enabled() && !v6Only) {
                tcp6 = OutletPorts.bindTcp(cfg, OutletPorts.bindAddress6(cfg));
                udp6 = OutletPorts.bindUdp(cfg, OutletPorts.bindAddress6(cfg));
            }
            this.dataPort = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            this.servicePort = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            int data6 = v6Only ? dataPort : tcp6 == null ? 0 : port(tcp6.getLocalAddress());
            int service6 = v6Only ? servicePort : udp6 == null ? 0 : port(udp6.getLocalAddress());
            this.info = new StreamInfoDocument(
                    template,
                    new StreamInfoDocument.OutletFields(
                            UUID.randomUUID().toString(),
                            Lsl.localClock(),
                            cfg.sessionId(),
                            OutletPorts.hostname(),
                            v6Only ? 0 : dataPort,
                            v6Only ? 0 : servicePort,
                            data6,
                            service6));
        } catch (IOException | RuntimeException e) {
            closeQuietly(tcp);
            closeQuietly(udp);
            closeQuietly(responder);
            closeQuietly(tcp6);
            closeQuietly(udp6);
            throw e instanceof LslException le
                    ? le
                    : new LslException("cannot open LSL outlet '" + name + "': " + e.getMessage(), e);
        }
        InfoQueryMatcher matcher = this.info.queryMatcher();
        this.dataServer = new DataPortServer(tcp, this.info, matcher, codec, backlog, consumers, threadPrefix, name);
        if (tcp6 != null) {
            this.dataServer6 =
                    new DataPortServer(tcp6, this.info, matcher, codec, backlog, consumers, threadPrefix + "-v6", name);
            this.serviceChannel6 = udp6;
            this.serviceThread6 = new Thread(
                    new ServiceResponder(udp6, matcher, this.info.shortInfo(), name), threadPrefix + "-service-v6");
            serviceThread6.setDaemon(true);
            serviceThread6.start();
            dataServer6.start();
        } else {
            this.dataServer6 = null;
            this.serviceChannel6 = null;
            this.serviceThread6 = null;
        }
        this.serviceChannel = udp;
        this.serviceThread =
                new Thread(new ServiceResponder(udp, matcher, this.info.shortInfo(), name), threadPrefix + "-service");
        serviceThread.setDaemon(true);
        serviceThread.start();
        this.responderChannel = responder;
        if (responder != null) {
            this.responderThread = new Thread(
                    new ServiceResponder(responder, matcher, this.info.shortInfo(), name), threadPrefix + "-responder");
            responderThread.setDaemon(true);
            responderThread.start();
        } else {
            this.responderThread = null;
        }
        dataServer.start();
        this.bindDescription = (v6Only ? OutletPorts.bindAddress6(cfg) : OutletPorts.bindAddress(cfg)).getHostAddress()
                + (dataServer6 == null
                        ? ""
                        : " and " + OutletPorts.bindAddress6(cfg).getHostAddress() + " (IPv6 data port " + info6Port()
                                + ")");
    }

    private static int port(SocketAddress a) {
        return ((InetSocketAddress) a).getPort();
    }

    private int info6Port() {
        try {
            return ((InetSocketAddress) dataServer6.localAddress()).getPort();
        } catch (IOException e) {
            return 0;
        }
    }

    StreamInfoDocument info() {
        return info;
    }

    int dataPort() {
        return dataPort;
    }

    int servicePort() {
        return servicePort;
    }

    /** The addresses the outlet is bound to, for the log. */
    String bindDescription() {
        return bindDescription;
    }

    DatagramChannel responderChannel() {
        return responderChannel;
    }

    DatagramChannel serviceChannel() {
        return serviceChannel;
    }

    /** The address the TCP data server listens on. */
    InetSocketAddress dataAddress() {
        try {
            return (InetSocketAddress) dataServer.localAddress();
        } catch (IOException e) {
            throw new LslException("LSL outlet '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Closes every port; the servers' and responders' threads then end. */
    void closePorts() {
        dataServer.close();
        closeQuietly(serviceChannel);
        closeQuietly(responderChannel);
        if (dataServer6 != null) {
            dataServer6.close();
            closeQuietly(serviceChannel6);
        }
    }

    /** Waits up to {@code millis} per thread for the threads to end; false when one did not. */
    boolean join(long millis) throws InterruptedException {
        boolean ended = dataServer.join(millis);
        serviceThread.join(millis);
        ended &= !serviceThread.isAlive();
        if (responderThread != null) {
            responderThread.join(millis);
            ended &= !responderThread.isAlive();
        }
        if (dataServer6 != null) {
            ended &= dataServer6.join(millis);
            serviceThread6.join(millis);
            ended &= !serviceThread6.isAlive();
        }
        return ended;
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
