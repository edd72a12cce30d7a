package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link WireOutlet} listens: its bind addresses under the config, its TCP and UDP sockets on the first free
 * port of {@code [ports] BasePort/PortRange} (or a random one with {@code AllowRandomPorts}), and the host name it
 * publishes.
 */
final class OutletPorts {
    private static final Logger LOG = LoggerFactory.getLogger(OutletPorts.class);

    private OutletPorts() {}

    /** ::1 when the config keeps LSL on this machine, else every IPv6 interface. */
    static InetAddress bindAddress6(LslConfig cfg) {
        try {
            return cfg.loopbackOnly() ? LslConfig.ipv6Loopback() : InetAddress.getByAddress(new byte[16]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 127.0.0.1 itself when the config keeps LSL on this machine ({@code getLoopbackAddress()} may be ::1 when IPv6
     * is preferred, and liblsl 1.10 uses IPv4); every IPv4 interface when the config reaches a network.
     */
    static InetAddress bindAddress(LslConfig cfg) {
        try {
            return InetAddress.getByAddress(cfg.loopbackOnly() ? new byte[] {127, 0, 0, 1} : new byte[4]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ServerSocketChannel bindTcp(LslConfig cfg, InetAddress lo) throws IOException {
        for (int p = cfg.basePort(); p < cfg.basePort() + cfg.portRange(); p++) {
            ServerSocketChannel ch = ServerSocketChannel.open();
            try {
                ch.bind(new InetSocketAddress(lo, p), 50);
                return ch;
            } catch (IOException e) {
                ch.close();
            }
        }
        if (cfg.allowRandomPorts()) {
            ServerSocketChannel ch = ServerSocketChannel.open();
            ch.bind(new InetSocketAddress(lo, 0), 50);
            LOG.warn(
                    "{}; AllowRandomPorts: using TCP port {} (resolvers find it through the discovery port only)",
                    noFreePort("TCP", cfg, lo),
                    ((InetSocketAddress) ch.getLocalAddress()).getPort());
            return ch;
        }
        throw new LslException(noFreePort("TCP", cfg, lo));
    }

    static DatagramChannel bindUdp(LslConfig cfg, InetAddress lo) throws IOException {
        for (int p = cfg.basePort(); p < cfg.basePort() + cfg.portRange(); p++) {
            DatagramChannel ch = DatagramChannel.open(
                    lo instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                ch.bind(new InetSocketAddress(lo, p));
                return ch;
            } catch (IOException e) {
                ch.close();
            }
        }
        if (cfg.allowRandomPorts()) {
            DatagramChannel ch = DatagramChannel.open(
                    lo instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            ch.bind(new InetSocketAddress(lo, 0));
            LOG.warn(
                    "{}; AllowRandomPorts: using UDP port {}",
                    noFreePort("UDP", cfg, lo),
                    ((InetSocketAddress) ch.getLocalAddress()).getPort());
            return ch;
        }
        throw new LslException(noFreePort("UDP", cfg, lo));
    }

    static String noFreePort(String proto, LslConfig cfg, InetAddress lo) {
        return "no free " + proto + " port on " + lo.getHostAddress() + " in " + cfg.basePort() + ".."
                + (cfg.basePort() + cfg.portRange() - 1)
                + " ([ports] BasePort/PortRange of " + (cfg.source() == null ? "the liblsl defaults" : cfg.source())
                + "): too many LSL outlets on this host? Close some or widen PortRange";
    }

    /** This host's name as liblsl reports it (gethostname). */
    static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
