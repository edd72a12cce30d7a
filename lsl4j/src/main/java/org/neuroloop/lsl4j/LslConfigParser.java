package org.neuroloop.lsl4j;

import static org.neuroloop.lsl4j.LslConfig.DEFAULT_BASE_PORT;
import static org.neuroloop.lsl4j.LslConfig.DEFAULT_MULTICAST_PORT;
import static org.neuroloop.lsl4j.LslConfig.DEFAULT_PORT_RANGE;
import static org.neuroloop.lsl4j.LslConfig.DEFAULT_SESSION_ID;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the text of an {@code lsl_api.cfg} into an {@link LslConfig}: the INI syntax, liblsl's defaults for keys
 * left out, the scope's query addresses, and an error naming the file and the key for every bad value.
 */
final class LslConfigParser {
    private static final String V6_GROUP = ":113D:6FDD:2C17:A643:FFE2:1BD1:3CD2";

    private LslConfigParser() {}

    /**
     * Settings from {@code lsl_api.cfg} lines; keys left out take liblsl's defaults (a file is a deliberate choice,
     * so an empty file means liblsl's site scope).
     */
    static LslConfig parse(List<String> lines, Path source) {
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
     * Parses INI lines ({@code [section]}, {@code key = value}, {@code ;} and {@code #} comments) into
     * {@code section.key} (lower-cased) → value.
     */
    static Map<String, String> parseIni(List<String> lines) {
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
    static List<String> list(String braced) {
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
}
