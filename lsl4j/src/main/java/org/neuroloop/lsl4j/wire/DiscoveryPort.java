package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.lsl4j.LslConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket on which an outlet hears resolver queries sent to the multicast port (16571): to the scope's multicast
 * groups, to a broadcast address, or unicast. Every outlet of the host binds it with {@code SO_REUSEADDR}, like
 * liblsl, so multicast and broadcast queries reach all of them (a unicast one reaches only one; the resolver's
 * port sweep finds the others on their service ports).
 *
 * <p>Under a loopback-only config it is bound to 127.0.0.1 and joins no group: only this host's queries arrive.
 * Otherwise it is bound to 0.0.0.0 and joins each IPv4 multicast group of the config on every multicast-capable
 * interface that is up.
 */
final class DiscoveryPort {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryPort.class);

    private DiscoveryPort() {}

    /** The bound channel, or null when the config has no multicast port or IPv4 is off, or the port is taken. */
    static DatagramChannel open(LslConfig cfg, String streamName) {
        if (cfg.multicastPort() <= 0 || !cfg.ipv4()) {
            return null;
        }
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(OutletPorts.bindAddress(cfg), cfg.multicastPort()));
            if (!cfg.loopbackOnly()) {
                join(ch, cfg);
            }
            return ch;
        } catch (IOException e) {
            LOG.warn(
                    "LSL outlet '{}': cannot listen on discovery port {} ({}); resolvers find it by the port sweep "
                            + "of KnownPeers only",
                    streamName,
                    cfg.multicastPort(),
                    e.toString());
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
            return null;
        }
    }

    private static void join(DatagramChannel ch, LslConfig cfg) throws SocketException {
        List<NetworkInterface> interfaces = new ArrayList<>();
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            if (ni.isUp() && ni.supportsMulticast()) {
                interfaces.add(ni);
            }
        }
        for (InetAddress group : cfg.queryAddresses()) {
            if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
                continue;
            }
            for (NetworkInterface ni : interfaces) {
                try {
                    ch.join(group, ni);
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.debug("cannot join {} on {}: {}", group, ni.getName(), e.toString());
                }
            }
        }
    }
}
