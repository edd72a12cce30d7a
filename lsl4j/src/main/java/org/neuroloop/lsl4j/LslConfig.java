package org.neuroloop.lsl4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final String V6_GROUP = ":113D:6FDD:2C17:A643:FFE2:1BD1:3CD2";
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

    /**
     * Settings from {@code lsl_api.cfg} lines; keys left out take liblsl's defaults (a file is a deliberate choice,
     * so an empty file means liblsl's site scope).
     */
    public static LslConfig parse(List<String> lines, Path source) {
        Map<String, String> ini = parseIni(lines);
        String where = "LSL config " + (source == null ? "(built in)" : source);
        int base = integer(ini, "ports.baseport", DEFAULT_BASE_PORT, 1, 65535, where);
        int range = integer(ini, "ports.portrange", DEFAULT_PORT_RANGE, 1, 65535, where);
        int mcPort = integer(ini, "ports.multicastport", DEFAULT_MULTICAST_PORT, 1, 65535, where);
        if (base + range - 1 > 65535) {
            throw new LslException(
                    where + ": [ports] BasePort " + base + " + PortRange " + range + " goes beyond port 65535");
        }
        String ipv6 = ini.getOrDefault("ports.ipv6", "allow").strip().toLowerCase(Locale.ROOT);
        if (!List.of("disable", "disabled", "allow", "force").contains(ipv6)) {
            throw new LslException(where + ": [ports] IPv6 = '" + ipv6 + "', expected disable, allow or force");
        }
        ipv6 = ipv6.startsWith("disable") ? "disable" : ipv6;
        String scope =
                ini.getOrDefault("multicast.resolvescope", "site").strip().toLowerCase(Locale.ROOT);
        List<String> groups = scopeAddresses(scope, where);
        int ttl = switch (scope) {
            case "machine" -> 0;
            case "link" -> 1;
            case "site" -> 24;
            case "organization" -> 32;
            default -> 255;
        };
        String override = ini.get("multicast.addressesoverride");
        if (override != null && !list(override).isEmpty()) {
            groups = list(override);
        }
        ttl = integer(ini, "multicast.ttloverride", ttl, 0, 255, where);
        List<InetAddress> addresses = new ArrayList<>();
        for (String g : groups) {
            InetAddress a = literal(g, where + ": [multicast] address");
            boolean v6 = a.getAddress().length == 16;
            if (v6 ? !ipv6.equals("disable") : !ipv6.equals("force")) {
                addresses.add(a);
            }
        }
        List<String> peers = list(ini.getOrDefault("lab.knownpeers", "{}"));
        String session = ini.getOrDefault("lab.sessionid", DEFAULT_SESSION_ID).strip();
        String random = ini.getOrDefault("ports.allowrandomports", "1").strip().toLowerCase(Locale.ROOT);
        if (!List.of("1", "0", "true", "false", "yes", "no", "on", "off").contains(random)) {
            throw new LslException(where + ": [ports] AllowRandomPorts = '" + random + "', expected 1 or 0");
        }
        return new LslConfig(
                base,
                range,
                mcPort,
                ipv6,
                scope,
                addresses,
                ttl,
                peers,
                session.isEmpty() ? DEFAULT_SESSION_ID : session,
                source,
                List.of("1", "true", "yes", "on").contains(random));
    }

    private static List<String> scopeAddresses(String scope, String where) {
        List<String> out = new ArrayList<>(List.of("127.0.0.1", "FF31" + V6_GROUP));
        if (scope.equals("machine")) {
            return out;
        }
        out.addAll(List.of("255.255.255.255", "224.0.0.1", "224.0.0.183", "FF02" + V6_GROUP));
        if (scope.equals("link")) {
            return out;
        }
        out.addAll(List.of("239.255.172.215", "FF05" + V6_GROUP));
        if (scope.equals("site")) {
            return out;
        }
        out.add("FF08" + V6_GROUP);
        if (scope.equals("organization")) {
            return out;
        }
        if (scope.equals("global")) {
            out.add("FF0E" + V6_GROUP);
            return out;
        }
        throw new LslException(where + ": [multicast] ResolveScope = '" + scope
                + "', expected machine, link, site, organization or global");
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

    /**
     * Parses INI lines ({@code [section]}, {@code key = value}, {@code ;} and {@code #} comments) into
     * {@code section.key} (lower-cased) → value.
     */
    public static Map<String, String> parseIni(List<String> lines) {
        Map<String, String> out = new HashMap<>();
        String section = "";
        for (String raw : lines) {
            String line = raw.strip();
            int comment = line.indexOf(';');
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(
                        section + "." + line.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    /** {@code {a, b}} → [a, b]. */
    public static List<String> list(String braced) {
        String s = braced.strip();
        if (s.startsWith("{")) {
            s = s.substring(1);
        }
        if (s.endsWith("}")) {
            s = s.substring(0, s.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** 127.x, localhost or ::1. */
    public static boolean isLoopbackName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("127.") || h.equals("localhost") || h.equals("::1");
    }

    private static int integer(Map<String, String> ini, String key, int dflt, int min, int max, String where) {
        String v = ini.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int p = Integer.parseInt(v.strip());
            if (p >= min && p <= max) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LslException(where + ": " + key + " = '" + v + "', expected an integer in " + min + ".." + max);
    }

    private static InetAddress literal(String s, String where) {
        String a = s.strip();
        if (!a.matches("[0-9.]+") && !a.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?")) {
            throw new LslException(where + " '" + a + "' is not an IP address literal");
        }
        try {
            // InetAddress.getByName would send a malformed dotted quad (999.1.1.1) to DNS: IPv4 is parsed here
            return a.contains(":") ? InetAddress.getByName(a) : InetAddress.getByAddress(dottedQuad(a, where));
        } catch (UnknownHostException e) {
            throw new LslException(where + " '" + a + "' is not a valid IP address", e);
        }
    }

    private static byte[] dottedQuad(String a, String where) {
        String[] parts = a.split("\\.", -1);
        String problem = where + " '" + a + "' is not an IPv4 address (four numbers 0-255 joined by dots)";
        if (parts.length != 4) {
            throw new LslException(problem);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
                throw new LslException(problem);
            }
            out[i] = (byte) Integer.parseInt(parts[i]);
        }
        return out;
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
