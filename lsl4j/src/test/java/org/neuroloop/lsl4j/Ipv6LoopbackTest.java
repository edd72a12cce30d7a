package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IPv6 where the config enables it, on ::1 only: discovery by the unicast sweep of {@code KnownPeers = {::1}} (the
 * loopback interface has no multicast here, so IPv6 multicast discovery is not exercised), data and time correction
 * over IPv6, every socket bound to a loopback address. {@code IPv6 = force} serves IPv6 only; {@code allow} serves
 * both, and an IPv4-only inlet still reads an {@code allow} outlet over IPv4.
 */
class Ipv6LoopbackTest {
    private static final String RUN = "v6" + Long.toString(System.nanoTime() % 1_000_000, 36);

    static LslConfig config(String ipv6, String peers) {
        return LslConfig.parse(
                List.of(
                        "[ports]",
                        "IPv6 = " + ipv6,
                        "BasePort = 17860",
                        "PortRange = 16",
                        "MulticastPort = 17859",
                        "[multicast]",
                        "ResolveScope = machine",
                        "[lab]",
                        "KnownPeers = " + peers,
                        "SessionID = " + RUN),
                Path.of("ipv6-" + ipv6 + ".cfg"));
    }

    @Test
    @Timeout(60)
    void forceResolvesReadsAndCorrectsTimeOverIpv6Only() {
        LslConfig force = config("force", "{::1}");
        assertTrue(force.loopbackOnly() && !force.ipv4() && force.ipv6Enabled(), force.describe());
        String name = RUN + "-force";
        try (StreamOutlet out =
                new StreamOutlet(StreamInfo.create(name, "EEG", 3, 100, ChannelFormat.FLOAT32, name), 0, 30, force)) {
            InetSocketAddress data = out.wire().dataAddress();
            assertTrue(
                    data.getAddress() instanceof Inet6Address
                            && data.getAddress().isLoopbackAddress(),
                    data.toString());
            assertTrue(out.wire().serviceChannel().socket().getLocalAddress().isLoopbackAddress());
            assertNull(out.wire().responderChannel(), "no IPv4 discovery port under force");
            StreamInfo mine = out.info();
            assertEquals(0, mine.v4dataPort());
            assertEquals(data.getPort(), mine.v6dataPort());

            List<StreamInfo> found = StreamResolver.resolveByProp(force, "name", name, 1, 10);
            assertEquals(1, found.size(), "found over ::1");
            assertTrue(
                    found.get(0).v6address().contains(":"),
                    "v6address filled from the reply: " + found.get(0).v6address());
            assertTrue(
                    StreamResolver.resolveByProp(config("disable", "{127.0.0.1}"), "name", name, 1, 1.2)
                            .isEmpty(),
                    "an IPv4-only resolver must not find an IPv6-only outlet");
            try (StreamInlet in = new StreamInlet(found.get(0), 30, 0, false, StreamInlet.PROC_NONE, force)) {
                in.openStream(10);
                assertTrue(out.waitForConsumers(10));
                float[] sent = {1.5f, -2.25f, Float.MIN_VALUE};
                out.pushSample(sent, 42.0);
                float[] got = new float[3];
                assertEquals(42.0, in.pullSample(got, 10));
                assertArrayEquals(sent, got);
                assertTrue(Math.abs(in.timeCorrection(10)) < 0.01, "same clock on one machine");
                InetSocketAddress probe = in.wire().timeProbeAddress();
                assertTrue(
                        probe.getAddress() instanceof Inet6Address
                                && probe.getAddress().isLoopbackAddress(),
                        "" + probe);
            }
        }
    }

    @Test
    @Timeout(60)
    void allowServesBothProtocolsOnLoopback() {
        LslConfig allow = config("allow", "{127.0.0.1, ::1}");
        assertTrue(
                allow.loopbackOnly(),
                "machine scope on 127.0.0.1, FF31:: and ::1 stays on this host: " + allow.describe());
        String name = RUN + "-allow";
        try (StreamOutlet out =
                new StreamOutlet(StreamInfo.create(name, "EEG", 1, 100, ChannelFormat.INT32, name), 0, 30, allow)) {
            StreamInfo mine = out.info();
            assertTrue(mine.v4dataPort() > 0 && mine.v6dataPort() > 0, mine.asXml());
            // an IPv4-only inlet and an IPv6-only one read the same outlet
            StreamInfo v4 = StreamResolver.resolveByProp(config("disable", "{127.0.0.1}"), "name", name, 1, 10)
                    .get(0);
            StreamInfo v6 = StreamResolver.resolveByProp(config("force", "{::1}"), "name", name, 1, 10)
                    .get(0);
            try (StreamInlet in4 =
                            new StreamInlet(v4, 30, 0, false, StreamInlet.PROC_NONE, config("disable", "{127.0.0.1}"));
                    StreamInlet in6 =
                            new StreamInlet(v6, 30, 0, false, StreamInlet.PROC_NONE, config("force", "{::1}"))) {
                in4.openStream(10);
                in6.openStream(10);
                assertFalse(in4.wire().dataConnectionAddress().getAddress() instanceof Inet6Address);
                assertTrue(in6.wire().dataConnectionAddress().getAddress() instanceof Inet6Address);
                out.pushSample(new int[] {-7}, 7.0);
                int[] a = new int[1];
                int[] b = new int[1];
                assertEquals(7.0, in4.pullSample(a, 10));
                assertEquals(7.0, in6.pullSample(b, 10));
                assertEquals(-7, a[0]);
                assertEquals(-7, b[0]);
            }
        }
    }
}
