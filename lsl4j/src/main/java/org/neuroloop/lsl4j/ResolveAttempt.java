package org.neuroloop.lsl4j;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of LSL discovery (liblsl's {@code resolve_attempt_udp}): sends
 * {@code LSL:shortinfo\r\n<query>\r\n<reply port> <query id>\r\n} to every query address of the {@link LslConfig}
 * on the multicast port (the scope's multicast groups and broadcast, or 127.0.0.1 for machine scope) and to every
 * port of {@code BasePort..BasePort+PortRange-1} of each {@code KnownPeers} host (the sweep that reaches every
 * outlet's own service port, so several outlets of one machine are all found), then collects the replies
 * {@code <query id>\r\n<shortinfo xml>}, keeps one per uid and fills an empty {@code v4address} with the sender's.
 *
 * <p>The socket sends from 127.0.0.1 under a loopback-only config, with the multicast interface set to the loopback
 * interface and the multicast TTL of the config (0 for machine scope); broadcast is enabled only when the config
 * lists a broadcast address and reaches a network. With IPv6 on ({@code IPv6 = allow|force}) a second socket (::1
 * under a loopback-only config) sends the same query, with its own reply port, to the IPv6 query addresses and to
 * the IPv6 {@code KnownPeers} ({@code ::1}, or names with an IPv6 address); a reply received over IPv6 fills an
 * empty {@code v6address}. Not thread-safe; one attempt per resolve.
 */
final class ResolveAttempt implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResolveAttempt.class);
    private static final int MAX_CACHED_REPLIES = 256;

    private final LslConfig cfg;
    private final DatagramChannel channel;
    private final DatagramChannel channel6;
    private final Selector selector;
    private final byte[] message;
    private final byte[] message6;
    private final String queryId;
    private final List<InetSocketAddress> targets = new ArrayList<>();
    private final List<InetSocketAddress> targets6 = new ArrayList<>();
    private final ByteBuffer in = ByteBuffer.allocate(65536);
    private final Map<String, StreamInfo> found = new LinkedHashMap<>();
    private final Map<String, Long> lastSeen = new LinkedHashMap<>();
    /**
     * Reply XML already parsed, by the uid it carries: an outlet answers every wave with the same bytes, and a
     * {@link ContinuousResolver} sends a wave every half second for as long as a session runs, so parsing each
     * reply again (a DOM parse, about a millisecond of CPU beside the closed loop) would be repeated work.
     */
    private final Map<String, String> uidOfReply = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_CACHED_REPLIES;
        }
    };

    /**
     * @param cfg where queries go
     * @param query the full XPath predicate, session id included ({@link #query(LslConfig, String)})
     */
    ResolveAttempt(LslConfig cfg, String query) {
        this.cfg = cfg;
        DatagramChannel v4 = null;
        DatagramChannel v6 = null;
        try {
            this.selector = Selector.open();
            if (cfg.ipv4()) {
                v4 = openChannel(cfg);
                v4.configureBlocking(false);
                v4.register(selector, SelectionKey.OP_READ);
            }
            if (cfg.ipv6Enabled()) {
                v6 = openChannel6(cfg);
                v6.configureBlocking(false);
                v6.register(selector, SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            closeQuietly(v4);
            closeQuietly(v6);
            throw new LslException("cannot open the LSL discovery socket: " + e.getMessage(), e);
        }
        this.channel = v4;
        this.channel6 = v6;
        this.queryId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        this.message = v4 == null ? null : message(query, v4);
        this.message6 = v6 == null ? null : message(query, v6);
        for (InetAddress a : cfg.queryAddresses()) {
            (a instanceof Inet4Address ? targets : targets6).add(new InetSocketAddress(a, cfg.multicastPort()));
        }
        for (String peer : cfg.knownPeers()) {
            for (InetAddress a : peerAddresses(peer)) {
                for (int p = cfg.basePort(); p < cfg.basePort() + cfg.portRange(); p++) {
                    (a instanceof Inet4Address ? targets : targets6).add(new InetSocketAddress(a, p));
                }
            }
        }
    }

    private byte[] message(String query, DatagramChannel ch) throws LslException {
        int replyPort;
        try {
            replyPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new LslException("LSL discovery socket: " + e.getMessage(), e);
        }
        return ("LSL:shortinfo\r\n" + query + "\r\n" + replyPort + " " + queryId + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code session_id='…'} alone, or followed by {@code and <predicate>}, as liblsl builds it. */
    static String query(LslConfig cfg, String predicate) {
        String session = "session_id='" + cfg.sessionId() + "'";
        return predicate == null || predicate.isBlank() ? session : session + " and " + predicate;
    }

    private static DatagramChannel openChannel(LslConfig cfg) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        boolean local = cfg.loopbackOnly();
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        ch.bind(new InetSocketAddress(local ? lo : InetAddress.getByAddress(new byte[4]), 0));
        ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, cfg.ttl());
        if (local) {
            NetworkInterface loIf = NetworkInterface.getByInetAddress(lo);
            if (loIf != null) {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, loIf);
            }
        } else {
            boolean broadcast = cfg.queryAddresses().stream()
                    .anyMatch(a -> a instanceof Inet4Address && (a.getAddress()[3] & 0xFF) == 255);
            ch.setOption(StandardSocketOptions.SO_BROADCAST, broadcast);
        }
        return ch;
    }

    private static DatagramChannel openChannel6(LslConfig cfg) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6);
        boolean local = cfg.loopbackOnly();
        ch.bind(new InetSocketAddress(local ? LslConfig.ipv6Loopback() : InetAddress.getByAddress(new byte[16]), 0));
        ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, cfg.ttl());
        if (local) {
            NetworkInterface loIf = NetworkInterface.getByInetAddress(LslConfig.ipv6Loopback());
            if (loIf != null) {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, loIf);
            }
        }
        return ch;
    }

    /** The addresses of a {@code KnownPeers} host for the protocols in use; none when it cannot be resolved. */
    private List<InetAddress> peerAddresses(String peer) {
        List<InetAddress> out = new ArrayList<>();
        try {
            String h = peer.strip().toLowerCase(Locale.ROOT);
            if (LslConfig.isLoopbackName(h)) {
                if (cfg.ipv4() && !h.equals("::1")) {
                    out.add(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
                }
                if (cfg.ipv6Enabled() && (h.equals("::1") || h.equals("localhost"))) {
                    out.add(LslConfig.ipv6Loopback());
                }
                return out;
            }
            if (cfg.loopbackOnly()) {
                return out; // unreachable: loopbackOnly() checks the peers
            }
            for (InetAddress a : InetAddress.getAllByName(peer)) {
                if (a instanceof Inet4Address ? cfg.ipv4() : cfg.ipv6Enabled()) {
                    out.add(a);
                }
            }
        } catch (IOException e) {
            LOG.warn("LSL KnownPeers host '{}' cannot be resolved: {}", peer, e.toString());
        }
        return out;
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }

    /** The IPv4 socket the queries go out on (for tests of its settings), or null under {@code IPv6 = force}. */
    DatagramChannel channel() {
        return channel;
    }

    /** The IPv6 socket, or null when IPv6 is off. */
    DatagramChannel channel6() {
        return channel6;
    }

    SocketAddress localAddress() {
        try {
            return (channel != null ? channel : channel6).getLocalAddress();
        } catch (IOException e) {
            throw new LslException("LSL discovery socket: " + e.getMessage(), e);
        }
    }

    /** Where one wave goes (IPv4 and IPv6). */
    List<InetSocketAddress> targets() {
        List<InetSocketAddress> all = new ArrayList<>(targets);
        all.addAll(targets6);
        return all;
    }

    /** Sends one wave: the query to every target. Unreachable targets are skipped. */
    void sendWave() {
        send(channel, message, targets);
        send(channel6, message6, targets6);
    }

    private static void send(DatagramChannel ch, byte[] message, List<InetSocketAddress> to) {
        if (ch == null) {
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(message);
        for (InetSocketAddress t : to) {
            out.rewind();
            try {
                ch.send(out, t);
            } catch (IOException e) {
                LOG.debug("LSL query to {} failed: {}", t, e.toString());
            }
        }
    }

    /** Collects replies until {@code deadlineNanos} ({@code System.nanoTime()}). */
    void receiveUntil(long deadlineNanos) {
        try {
            while (true) {
                drain();
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new LslException("LSL discovery socket failed: " + e.getMessage(), e);
        }
    }

    private void drain() throws IOException {
        drain(channel);
        drain(channel6);
    }

    private void drain(DatagramChannel ch) throws IOException {
        if (ch == null) {
            return;
        }
        while (true) {
            in.clear();
            SocketAddress from = ch.receive(in);
            if (from == null) {
                return;
            }
            if (from instanceof InetSocketAddress sender) {
                accept(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8), sender);
            }
        }
    }

    private void accept(String reply, InetSocketAddress sender) {
        int eol = reply.indexOf('\n');
        if (eol < 0 || !reply.substring(0, eol).strip().equals(queryId)) {
            return;
        }
        String xml = reply.substring(eol + 1);
        String known = uidOfReply.get(xml);
        if (known != null && found.containsKey(known)) {
            lastSeen.put(known, System.nanoTime());
            return;
        }
        StreamInfo info;
        try {
            info = StreamInfo.fromXml(xml);
        } catch (LslException e) {
            LOG.debug("ignoring a malformed LSL discovery reply from {}: {}", sender, e.getMessage());
            return;
        }
        String uid = info.uid();
        if (uid.isEmpty()) {
            return;
        }
        boolean v6 = !(sender.getAddress() instanceof Inet4Address);
        String field = v6 ? "v6address" : "v4address";
        if (info.field(field).isEmpty()) {
            info.setField(field, sender.getAddress().getHostAddress());
        }
        found.putIfAbsent(uid, info);
        lastSeen.put(uid, System.nanoTime());
        uidOfReply.put(xml, uid);
    }

    /** The streams found so far, one per uid, in order of first reply. */
    List<StreamInfo> results() {
        return new ArrayList<>(found.values());
    }

    /** Streams whose last reply came no earlier than {@code sinceNanos}. */
    List<StreamInfo> resultsSince(long sinceNanos) {
        List<StreamInfo> out = new ArrayList<>();
        for (Map.Entry<String, StreamInfo> e : found.entrySet()) {
            if (lastSeen.get(e.getKey()) - sinceNanos >= 0) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    int count() {
        return found.size();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing to release
        }
        closeQuietly(channel);
        closeQuietly(channel6);
    }
}
