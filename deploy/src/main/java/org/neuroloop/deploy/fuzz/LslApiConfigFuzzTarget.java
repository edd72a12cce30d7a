package org.neuroloop.deploy.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neuroloop.ingest.lsl.LoopbackConfig;
import org.neuroloop.ingest.lsl.LslException;

/**
 * {@code lsl_api.cfg} parsing: the INI reader ({@link LoopbackConfig#parse}) and the loopback check that decides
 * whether liblsl may load ({@link LoopbackConfig#loopbackProblem}); both document {@link LslException}.
 */
final class LslApiConfigFuzzTarget implements FuzzTarget {
    private static final List<String> SEEDS = List.of(
            "[ports]\nIPv6 = disable\n[multicast]\nResolveScope = machine\n[lab]\nKnownPeers = {127.0.0.1}\n",
            "; comment\n[multicast]\nAddressesOverride = {127.0.0.1, ::1}\nResolveScope = site\n",
            "[lab]\nKnownPeers = {10.0.0.2, localhost}\nSessionID = night\n"
                    + "[ports]\nBasePort = 16572\nPortRange = 32\n");

    @Override
    public String name() {
        return "lsl-api-cfg";
    }

    @Override
    public void parse(byte[] input) {
        Map<String, String> ini = LoopbackConfig.parse(new String(input, StandardCharsets.UTF_8).lines().toList());
        LoopbackConfig.loopbackProblem(ini);
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
