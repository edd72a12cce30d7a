package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.neuroloop.lsl4j.wire.WireOutlet;

/**
 * Under the built-in default config nothing lsl4j sends can leave this host: every socket is bound to 127.0.0.1,
 * the resolver's multicast interface is the loopback interface with TTL 0 and broadcast off, and every query
 * target is a loopback address. A process started where no lsl_api.cfg exists runs on that default.
 */
class LoopbackSafetyTest {
    private static final String RUN = "safe" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final InetAddress LO = LslConfig.loopback();

    private static void assertLoopback(InetSocketAddress a, String what) {
        assertNotNull(a, what);
        assertEquals(LO, a.getAddress(), what + " bound to " + a);
    }

    @Test
    void theDefaultIsMachineScopeOnLoopbackWithoutIpv6() {
        LslConfig d = LslConfig.loopbackDefault();
        assertTrue(d.loopbackOnly());
        assertEquals("machine", d.resolveScope());
        assertEquals(List.of(LO), d.queryAddresses());
        assertEquals(0, d.ttl());
        assertEquals(List.of("127.0.0.1"), d.knownPeers());
        assertEquals("disable", d.ipv6());
        assertFalse(LslConfig.parse(List.of("[multicast]", "ResolveScope = link"), Path.of("x.cfg"))
                .loopbackOnly());
        assertFalse(LslConfig.parse(List.of(), Path.of("empty.cfg")).loopbackOnly(), "an empty file is liblsl's site");
    }

    @Test
    @Timeout(30)
    void theResolverSocketSendsOnlyOnLoopbackWithTtlZeroAndNoBroadcast() throws IOException {
        try (ResolveAttempt a = new ResolveAttempt(LslConfig.loopbackDefault(), "session_id='default'")) {
            DatagramChannel ch = a.channel();
            assertLoopback((InetSocketAddress) ch.getLocalAddress(), "resolver socket");
            assertEquals(NetworkInterface.getByInetAddress(LO), ch.getOption(StandardSocketOptions.IP_MULTICAST_IF));
            assertEquals(0, ch.getOption(StandardSocketOptions.IP_MULTICAST_TTL));
            assertFalse(ch.getOption(StandardSocketOptions.SO_BROADCAST));
            assertEquals(1 + 32, a.targets().size(), "127.0.0.1:16571 and the 32 ports of the sweep");
            for (InetSocketAddress t : a.targets()) {
                assertTrue(t.getAddress().isLoopbackAddress(), "query target " + t);
            }
        }
    }

    @Test
    @Timeout(60)
    void outletAndInletSocketsAreBoundToLoopback() throws IOException {
        String name = RUN + "-sockets";
        StreamInfo info = StreamInfo.create(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name);
        try (WireOutlet out = new WireOutlet(info, 10, LslConfig.loopbackDefault())) {
            assertLoopback(out.dataAddress(), "data server");
            assertLoopback((InetSocketAddress) out.serviceChannel().getLocalAddress(), "service port");
            if (out.responderChannel() != null) {
                InetSocketAddress r = (InetSocketAddress) out.responderChannel().getLocalAddress();
                assertLoopback(r, "discovery responder");
                assertEquals(16571, r.getPort());
            }
            try (WireInlet in = new WireInlet(StreamInfo.fromXml(out.fullInfoXml()), 10)) {
                in.open(10.0);
                in.timeCorrection(5.0);
                assertLoopback(in.dataConnectionAddress(), "inlet data connection");
                assertLoopback(in.timeProbeAddress(), "time probe socket");
            }
        }
    }

    @Test
    @Timeout(120)
    void aProcessWithoutAnyConfigFileRunsOnTheLoopbackDefaultAndFindsItsOutlet(@TempDir Path dir) throws Exception {
        List<String> lines = runProbe(dir, null);
        assertTrue(lines.contains("LOOPBACK true"), lines.toString());
        assertTrue(lines.contains("SOURCE built-in"), lines.toString());
        assertTrue(lines.contains("FOUND 1"), lines.toString());

        Path cfg = dir.resolve("site.cfg");
        Files.writeString(cfg, "[multicast]\nResolveScope = link\n");
        List<String> chosen = runProbe(dir, cfg);
        assertTrue(chosen.contains("SOURCE " + cfg), chosen.toString());
        assertTrue(chosen.contains("LOOPBACK false"), chosen.toString());
    }

    @Test
    @Timeout(120)
    void configFilesAreLookedForInLiblslsOrder(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("lsl_api")).resolve("lsl_api.cfg");
        Files.writeString(home, "[multicast]\nResolveScope = machine\n[lab]\nKnownPeers = {127.0.0.1}\n");
        assertTrue(runProbe(dir, null).contains("SOURCE " + home));
        Path cwd = dir.resolve("lsl_api.cfg");
        Files.writeString(cwd, "[ports]\nIPv6 = disable\n[multicast]\nResolveScope = machine\n");
        assertTrue(runProbe(dir, null).contains("SOURCE " + cwd));
        Path env = dir.resolve("env.cfg");
        Files.writeString(env, "[multicast]\nResolveScope = machine\n");
        assertTrue(runProbe(dir, env).contains("SOURCE " + env));
    }

    @Test
    void anExplicitFileIsCheckedWhenChosenAndBadValuesNameFileAndKey(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.cfg");
        Files.writeString(bad, "[ports]\nBasePort = many\n");
        LslException e = assertThrows(LslException.class, () -> LslConfig.useFile(bad));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("baseport"), e.getMessage());
        Path scope = dir.resolve("scope.cfg");
        Files.writeString(scope, "[multicast]\nResolveScope = planet\n");
        e = assertThrows(LslException.class, () -> LslConfig.read(scope));
        assertTrue(e.getMessage().contains("ResolveScope") && e.getMessage().contains("planet"), e.getMessage());
        LslConfig site = LslConfig.parse(
                List.of(
                        "[multicast]",
                        "ResolveScope = site",
                        "[lab]",
                        "SessionID = lab-7",
                        "KnownPeers = {10.0.0.5, 127.0.0.1}"),
                Path.of("x.cfg"));
        assertEquals(24, site.ttl());
        assertEquals("lab-7", site.sessionId());
        assertEquals(List.of("10.0.0.5", "127.0.0.1"), site.knownPeers());
        assertTrue(site.queryAddresses().contains(InetAddress.getByName("239.255.172.215")));
        assertTrue(site.queryAddresses().stream().anyMatch(a -> a.getAddress().length == 16), "liblsl's IPv6 = allow");
        LslConfig v4 =
                LslConfig.parse(List.of("[ports]", "IPv6 = disable", "[multicast]", "ResolveScope = site"), null);
        assertFalse(v4.queryAddresses().stream().anyMatch(a -> a.getAddress().length == 16), "IPv6 = disable");
    }

    /** Runs {@link ConfigProbe} in {@code dir} with HOME there and {@code LSLAPICFG} set to {@code cfg} if given. */
    private static List<String> runProbe(Path dir, Path cfg) throws Exception {
        ProcessBuilder pb = ChildJvm.of("-Duser.home=" + dir, ConfigProbe.class, cfg == null ? RUN + "-probe" : "-");
        pb.directory(dir.toFile());
        pb.environment().remove("LSLAPICFG");
        if (cfg != null) {
            pb.environment().put("LSLAPICFG", cfg.toString());
        }
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader(StandardCharsets.UTF_8)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l.strip());
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), lines.toString());
        return lines;
    }

    @Test
    void addressesThatAreNoLiteralsFailWithoutANameLookup() {
        for (String bad : List.of("999.1.1.1", "1.2.3", "1.2.3.4.5", "x:y")) {
            LslException e = assertThrows(
                    LslException.class,
                    () -> LslConfig.parse(
                            List.of("[multicast]", "AddressesOverride = {" + bad + "}"), Path.of("x.cfg")),
                    bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
            assertFalse(e.getCause() instanceof UnknownHostException, bad + " was looked up: " + e.getCause());
        }
        assertTrue(LslConfig.parse(
                        List.of(
                                "[ports]",
                                "IPv6 = disable",
                                "[multicast]",
                                "ResolveScope = machine",
                                "AddressesOverride = {127.0.0.1}"),
                        Path.of("x.cfg"))
                .loopbackOnly());
    }
}
