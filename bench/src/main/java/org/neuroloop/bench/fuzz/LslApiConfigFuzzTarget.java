package org.neuroloop.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;

/**
 * {@code lsl_api.cfg} parsing ({@link LslConfig#parse}), then the loopback check and the log line every endpoint
 * prints; the parser documents {@link LslException}.
 */
final class LslApiConfigFuzzTarget implements FuzzTarget {
    private static final Path SOURCE = Path.of("lsl_api.cfg");
    private static final List<String> SEEDS = List.of(
            "[ports]\nIPv6 = disable\n[multicast]\nResolveScope = machine\n[lab]\nKnownPeers = {127.0.0.1}\n",
            "; comment\n[multicast]\nAddressesOverride = {127.0.0.1, ::1}\nResolveScope = site\nTTLOverride = 3\n",
            "[lab]\nKnownPeers = {10.0.0.2, localhost}\nSessionID = night\n"
                    + "[ports]\nBasePort = 16572\nPortRange = 32\nMulticastPort = 16571\nIPv6 = force\n");

    @Override
    public String name() {
        return "lsl-api-cfg";
    }

    @Override
    public void parse(byte[] input) {
        LslConfig c = LslConfig.parse(
                new String(input, StandardCharsets.UTF_8).lines().toList(), SOURCE);
        c.loopbackOnly();
        c.describe();
    }

    @Override
    public boolean documented(Throwable failure) {
        return failure instanceof LslException;
    }

    @Override
    public List<byte[]> seeds(Path sharedData, int maxLength) {
        return SEEDS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
