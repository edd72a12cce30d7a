package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code [ports] AllowRandomPorts}, as liblsl reads it (default 1): with every port of the range taken an outlet
 * takes a port the system picks and is still found, through the discovery port; with 0 it fails naming the range.
 */
class AllowRandomPortsTest {
    private static final String RUN = "rnd" + Long.toString(System.nanoTime() % 1_000_000, 36);

    private static LslConfig config(int basePort, String allow) {
        return LslConfig.parse(
                List.of(
                        "[ports]",
                        "BasePort = " + basePort,
                        "PortRange = 1",
                        "MulticastPort = 17899",
                        "IPv6 = disable",
                        allow == null ? "" : "AllowRandomPorts = " + allow,
                        "[multicast]",
                        "ResolveScope = machine",
                        "[lab]",
                        "KnownPeers = {127.0.0.1}",
                        "SessionID = " + RUN),
                Path.of("random.cfg"));
    }

    @Test
    void parsedLikeLiblsl() {
        assertTrue(config(17900, null).allowRandomPorts(), "liblsl's default");
        assertFalse(config(17900, "0").allowRandomPorts());
        assertTrue(LslConfig.loopbackDefault().allowRandomPorts());
        LslException e = assertThrows(LslException.class, () -> config(17900, "maybe"));
        assertTrue(
                e.getMessage().contains("random.cfg") && e.getMessage().contains("AllowRandomPorts"), e.getMessage());
    }

    @Test
    @Timeout(60)
    void aFullRangeGivesARandomPortThatIsStillFoundOrAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            String name = RUN + "-full";
            LslException e = assertThrows(
                    LslException.class,
                    () -> new StreamOutlet(
                            StreamInfo.create(name, "EEG", 1, 10, ChannelFormat.FLOAT32, name),
                            0,
                            30,
                            config(port, "0")));
            assertTrue(e.getMessage().contains("no free TCP port on 127.0.0.1 in " + port), e.getMessage());

            LslConfig random = config(port, "1");
            try (StreamOutlet out = new StreamOutlet(
                    StreamInfo.create(name, "EEG", 1, 10, ChannelFormat.FLOAT32, name), 0, 30, random)) {
                assertTrue(out.wire().dataPort() != port && out.wire().dataPort() > 0);
                assertTrue(out.wire().dataAddress().getAddress().isLoopbackAddress());
                List<StreamInfo> found = StreamResolver.resolveByProp(random, "name", name, 1, 10);
                assertEquals(1, found.size(), "found through the discovery port");
                assertEquals(out.wire().dataPort(), found.get(0).v4dataPort());
                try (StreamInlet in = new StreamInlet(found.get(0), 30, 0, false, StreamInlet.PROC_NONE, random)) {
                    in.openStream(10);
                    assertTrue(out.waitForConsumers(10));
                    out.pushSample(new float[] {3.5f}, 9.0);
                    float[] got = new float[1];
                    assertEquals(9.0, in.pullSample(got, 10));
                    assertArrayEquals(new float[] {3.5f}, got);
                }
            }
        }
    }
}
