package org.neuroloop.lsl4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of {@code lsl_api.cfg} (INI) that lsl4j uses, found where liblsl looks for them: a file chosen
 * through {@link #useFile(Path)}, then {@code $LSLAPICFG}, {@code ./lsl_api.cfg} (the process working directory),
 * {@code ~/lsl_api/lsl_api.cfg}, {@code /etc/lsl_api/lsl_api.cfg}; the first readable file wins, without merging.
 *
 * <p>Without any file lsl4j does NOT fall back to liblsl's defaults (site scope: multicast and broadcast on every
 * interface) but to {@link #loopbackDefault()}: machine scope, 127.0.0.1, no IPv6, {@code KnownPeers = {127.0.0.1}}
 * so the port sweep finds every outlet of this machine. Reaching a lab network takes a deliberate config file.
 * The effective scope is logged once per process.
 *
 * @param basePort first port of the outlet range ({@code [ports] BasePort}, 16572)
 * @param portRange ports in the range ({@code [ports] PortRange}, 32)
 * @param multicastPort port of the discovery responders ({@code [ports] MulticastPort}, 16571)
 * @param ipv6 {@code [ports] IPv6}: disable, allow or force
 * @param resolveScope {@code [multicast] ResolveScope}: machine, link, site, organization or global
 * @param queryAddresses where the resolver sends its queries on {@code multicastPort}: the scope's multicast
 *                       (and broadcast) groups, or {@code [multicast] AddressesOverride}
 * @param ttl multicast hops ({@code [multicast] TTLOverride}, else the scope's: 0, 1, 24, 32, 255)
 * @param knownPeers hosts swept with unicast queries on every port of the range ({@code [lab] KnownPeers})
 * @param sessionId {@code [lab] SessionID}, put into every query
 * @param source the file read, or null for the built-in loopback default
 * @param allowRandomPorts {@code [ports] AllowRandomPorts} (liblsl's default: true): when every port of the range is
 *                         taken, an outlet binds a port the system picks; resolvers then find it through the
 *                         discovery port (multicast port), not through the {@code KnownPeers} sweep of the range
 */
public record LslConfig(
        int basePort,
        int portRange,
        int multicastPort,
        String ipv6,
        String resolveScope,
        List<InetAddress> queryAddresses,
        int ttl,
        List<String> knownPeers,
        String sessionId,
        Path source,
        boolean allowRandomPorts) {
    private static final Logger LOG = LoggerFactory.getLogger(LslConfig.class);
    static final int DEFAULT_BASE_PORT = 16572;
    static final int DEFAULT_PORT_RANGE = 32;
    static final int DEFAULT_MULTICAST_PORT = 16571;
    static final String DEFAULT_SESSION_ID = "default";
    /** ::1. */
    private static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private static volatile Path chosenFile;
    private static volatile LslConfig current;

    public LslConfig {
        queryAddresses = List.copyOf(queryAddresses);
        knownPeers = List.copyOf(knownPeers);
    }

    /** Settings that never fall back to a random port. */
    public LslConfig(
            int basePort,
            int portRange,
            int multicastPort,
            String ipv6,
            String resolveScope,
            List<InetAddress> queryAddresses,
            int ttl,
            List<String> knownPeers,
            String sessionId,
            Path source) {
        this(
                basePort,
                portRange,
                multicastPort,
                ipv6,
                resolveScope,
                queryAddresses,
                ttl,
                knownPeers,
                sessionId,
                source,
                false);
    }

    /**
     * Makes every later lsl4j endpoint of this process read {@code file} instead of searching (liblsl's
     * {@code lsl_set_config_filename}); null returns to the search. Endpoints already open keep their settings.
     *
     * @throws LslException when the file cannot be read or has a bad value
     */
    public static synchronized void useFile(Path file) {
        if (file != null) {
            read(file); // fail here, naming the file, rather than in the first outlet
        }
        chosenFile = file;
        current = null;
    }

    /** The settings in effect for this process (found once, then cached; see the class comment). */
    public static LslConfig current() {
        LslConfig c = current;
        if (c == null) {
            synchronized (LslConfig.class) {
                c = current;
                if (c == null) {
                    c = chosenFile != null ? read(chosenFile) : locateAndRead();
                    LOG.info("LSL (lsl4j): {}", c.describe());
                    current = c;
                }
            }
        }
        return c;
    }

    /** Machine scope on 127.0.0.1, no IPv6, the machine's own ports swept: nothing leaves this host. */
    public static LslConfig loopbackDefault() {
        return new LslConfig(
                DEFAULT_BASE_PORT,
                DEFAULT_PORT_RANGE,
                DEFAULT_MULTICAST_PORT,
                "disable",
                "machine",
                List.of(loopback()),
                0,
                List.of("127.0.0.1"),
                DEFAULT_SESSION_ID,
                null,
                true);
    }

    /** The first readable file of liblsl's search order, or null. */
    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("LSLAPICFG");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(workingDirectory().resolve("lsl_api.cfg"));
        candidates.add(Path.of(System.getProperty("user.home"), "lsl_api", "lsl_api.cfg"));
        candidates.add(Path.of("/etc/lsl_api/lsl_api.cfg"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }

    private static LslConfig locateAndRead() {
        Path p = locate();
        return p == null ? loopbackDefault() : read(p);
    }

    /** Reads one config file. */
    public static LslConfig read(Path file) {
        try {
            return parse(Files.readAllLines(file), file);
        } catch (IOException e) {
            throw new LslException("cannot read LSL config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Settings from {@code lsl_api.cfg} lines, see {@link LslConfigParser#parse(List, Path)}. */
    public static LslConfig parse(List<String> lines, Path source) {
        return LslConfigParser.parse(lines, source);
    }

    /**
     * Whether nothing lsl4j sends under these settings can leave this host: every query address is a loopback
     * address (127.0.0.0/8, ::1) or an interface-local IPv6 multicast group (machine scope, {@code FF31::/16}), and
     * every known peer is a loopback host (127.x, {@code localhost}, ::1). Endpoints then bind 127.0.0.1 and ::1.
     */
    public boolean loopbackOnly() {
        for (InetAddress a : queryAddresses) {
            if (!a.isLoopbackAddress() && !a.isMCNodeLocal()) {
                return false;
            }
        }
        for (String p : knownPeers) {
            if (!isLoopbackName(p)) {
                return false;
            }
        }
        return true;
    }

    /** Whether IPv4 is used ({@code IPv6 = force} turns it off). */
    public boolean ipv4() {
        return !ipv6.equals("force");
    }

    /** Whether IPv6 is used ({@code IPv6 = allow} or {@code force}). */
    public boolean ipv6Enabled() {
        return !ipv6.equals("disable");
    }

    /** One line for the log: where the settings come from and how far discovery reaches. */
    public String describe() {
        return (source == null
                        ? "no lsl_api.cfg found (LSLAPICFG, ./, ~/lsl_api/, /etc/lsl_api/): built-in loopback "
                                + "default"
                        : "config " + source)
                + ", scope " + resolveScope + (loopbackOnly() ? " (this machine only)" : " (reaches the network)")
                + ", query addresses "
                + queryAddresses.stream().map(InetAddress::getHostAddress).toList() + ", TTL " + ttl + ", KnownPeers "
                + knownPeers + ", IPv6 " + ipv6 + ", ports " + basePort
                + ".." + (basePort + portRange - 1) + ", session_id '" + sessionId + "'";
    }

    /** {@code section.key} (lower-cased) → value, see {@link LslConfigParser#parseIni(List)}. */
    public static Map<String, String> parseIni(List<String> lines) {
        return LslConfigParser.parseIni(lines);
    }

    /** {@code {a, b}} → [a, b]. */
    public static List<String> list(String braced) {
        return LslConfigParser.list(braced);
    }

    /** 127.x, localhost or ::1. */
    public static boolean isLoopbackName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("127.") || h.equals("localhost") || h.equals("::1");
    }

    /** ::1. */
    public static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByAddress("localhost", IPV6_LOOPBACK.clone());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The process working directory (what liblsl's {@code ./lsl_api.cfg} means), not just {@code user.dir}. */
    public static Path workingDirectory() {
        Path proc = Path.of("/proc/self/cwd");
        try {
            if (Files.exists(proc)) {
                return proc.toRealPath();
            }
        } catch (IOException ignored) {
            // fall back to user.dir
        }
        return Path.of("").toAbsolutePath();
    }
}
