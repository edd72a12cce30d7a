package org.neuroloop.lsl4j.liblsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;

/**
 * Finds the {@code lsl_api.cfg} that liblsl will read and checks that it keeps LSL traffic on this machine.
 *
 * <p>liblsl reads the first readable file of: {@code $LSLAPICFG} (liblsl 1.13+ only; the build's 1.10 ignores it),
 * {@code ./lsl_api.cfg} (the process working directory), {@code ~/lsl_api/lsl_api.cfg}, {@code
 * /etc/lsl_api/lsl_api.cfg};
 * there is no merging. Which one applies depends on the library version, known only after loading, so both must be
 * safe: the first of the three standard paths must exist and be loopback, and so must {@code $LSLAPICFG} when set.
 * Without a file, liblsl's defaults (ResolveScope=site) send multicast and broadcast queries out of every network
 * interface, which we never want from tests, demos or the pipeline. A config counts as loopback when
 * <ul>
 *   <li>{@code [multicast] ResolveScope = machine} (addresses {127.0.0.1} with TTL 0), or
 *       {@code AddressesOverride} lists only loopback addresses, and</li>
 *   <li>{@code [lab] KnownPeers}, if present, lists only loopback hosts.</li>
 * </ul>
 */
public final class LoopbackConfig {
    private LoopbackConfig() {}

    /** The config file liblsl 1.10 will read (first of the three standard paths); null if none exists. */
    public static Path locate() {
        List<Path> candidates = List.of(
                workingDirectory().resolve("lsl_api.cfg"),
                Path.of(System.getProperty("user.home"), "lsl_api", "lsl_api.cfg"),
                Path.of("/etc/lsl_api/lsl_api.cfg"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Checks that a loopback config will be used, whichever liblsl version reads it.
     *
     * @return the config file from the standard paths
     * @throws LslException naming the file and the offending key, or explaining where to put one
     */
    public static Path require() {
        Path cfg = locate();
        if (cfg == null) {
            throw new LslException("no lsl_api.cfg found in the working directory " + workingDirectory()
                    + " (nor ~/lsl_api/lsl_api.cfg, /etc/lsl_api/lsl_api.cfg). Refusing to load liblsl: its defaults send "
                    + "multicast/broadcast stream queries out of every network interface. Run from the repository root "
                    + "(it holds a loopback lsl_api.cfg) or create one with:\n" + EXAMPLE);
        }
        check(cfg);
        String env = System.getenv("LSLAPICFG");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                check(p); // liblsl 1.13+ reads this one first
            }
        }
        return cfg;
    }

    private static void check(Path cfg) {
        Map<String, String> ini;
        try {
            ini = parse(Files.readAllLines(cfg));
        } catch (IOException e) {
            throw new LslException("cannot read LSL config " + cfg + ": " + e.getMessage(), e);
        }
        String problem = loopbackProblem(ini);
        if (problem != null) {
            throw new LslException("LSL config " + cfg + " is not loopback-only: " + problem
                    + ". Refusing to load liblsl. A loopback config is:\n" + EXAMPLE);
        }
    }

    static final String EXAMPLE =
            "[ports]\nIPv6 = disable\n[multicast]\nResolveScope = machine\n[lab]\nKnownPeers = {127.0.0.1}\n";

    /** Null when the parsed INI ({@code section.key} lower-cased → value) is loopback-only, else the reason. */
    public static String loopbackProblem(Map<String, String> ini) {
        String scope = ini.get("multicast.resolvescope");
        String override = ini.get("multicast.addressesoverride");
        boolean overrideLoopback = override != null
                && !list(override).isEmpty()
                && list(override).stream().allMatch(LoopbackConfig::isLoopback);
        if (override != null && !list(override).isEmpty() && !overrideLoopback) {
            return "[multicast] AddressesOverride = " + override + " contains non-loopback addresses";
        }
        if (!overrideLoopback && (scope == null || !scope.trim().equalsIgnoreCase("machine"))) {
            return "[multicast] ResolveScope = " + (scope == null ? "(unset, default site)" : scope)
                    + ", expected machine";
        }
        String peers = ini.get("lab.knownpeers");
        if (peers != null) {
            for (String p : list(peers)) {
                if (!isLoopback(p)) {
                    return "[lab] KnownPeers contains " + p + ", expected only 127.0.0.1/localhost/::1";
                }
            }
        }
        return null;
    }

    /** {@link LslConfig#parseIni}. */
    public static Map<String, String> parse(List<String> lines) {
        return LslConfig.parseIni(lines);
    }

    private static List<String> list(String braced) {
        return LslConfig.list(braced);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("127.") || h.equals("localhost") || h.equals("::1") || h.startsWith("ff31:");
    }

    static Path workingDirectory() {
        return LslConfig.workingDirectory();
    }
}
