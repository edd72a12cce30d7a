package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.lsl4j.liblsl.Ipv6Peer;

/**
 * lsl4j and liblsl 1.10 over ::1 only: both sides run {@code IPv6 = force} (no IPv4 socket at all), machine scope,
 * {@code KnownPeers = {::1}}, so each finds the other by the unicast sweep over IPv6 and the data goes over an IPv6
 * TCP connection. liblsl runs in a child JVM ({@link Ipv6Peer}) whose working directory holds that config.
 */
class Ipv6InteropTest {
    private static final String RUN = "v6i" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final List<String> CFG = List.of(
            "[ports]",
            "IPv6 = force",
            "BasePort = 17880",
            "PortRange = 16",
            "MulticastPort = 17879",
            "[multicast]",
            "ResolveScope = machine",
            "[lab]",
            "KnownPeers = {::1}",
            "SessionID = " + RUN);

    @TempDir
    Path dir;

    private Process spawn(String mode, String name) throws IOException {
        Files.write(dir.resolve("lsl_api.cfg"), CFG);
        ProcessBuilder pb = ChildJvm.of("-Dneuroloop.root=" + ChildJvm.root(), Ipv6Peer.class, mode, name);
        pb.directory(dir.toFile());
        pb.environment().remove("LSLAPICFG");
        return pb.start();
    }

    /** Protocol lines of the child until {@code last} (a prefix) or its end; the rest is kept for messages. */
    private static List<String> read(BufferedReader r, String last, List<String> all) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            all.add(l);
            if (l.startsWith("@@ ")) {
                lines.add(l.substring(3));
                if (l.substring(3).startsWith(last)) {
                    break;
                }
            }
        }
        return lines;
    }

    private static String field(String xml, String tag) {
        int a = xml.indexOf("<" + tag + ">");
        int b = xml.indexOf("</" + tag + ">");
        return a < 0 || b < 0 ? "" : xml.substring(a + tag.length() + 2, b).strip();
    }

    @Test
    @Timeout(90)
    void liblslFindsAndReadsAnLsl4jOutletOverIpv6() throws Exception {
        LslConfig force = LslConfig.parse(CFG, dir.resolve("lsl_api.cfg"));
        String name = RUN + "-lsl4j";
        try (StreamOutlet out =
                new StreamOutlet(StreamInfo.create(name, "EEG", 2, 100, ChannelFormat.FLOAT32, name), 0, 30, force)) {
            Process p = spawn("inlet", name);
            List<String> all = new ArrayList<>();
            try (BufferedReader r = p.inputReader(StandardCharsets.UTF_8)) {
                assertTrue(out.waitForConsumers(30), "liblsl never connected: " + all);
                for (int k = 1; k <= 5; k++) {
                    out.pushSample(new float[] {k, -k / 2f}, k);
                }
                List<String> lines = read(r, "SAMPLE 5.0", all);
                assertTrue(lines.size() >= 6, "liblsl's output: " + all);
                String info = lines.get(0);
                assertEquals("0", field(info, "v4data_port"), info);
                assertEquals(Integer.toString(out.wire().dataPort()), field(info, "v6data_port"), info);
                for (int k = 1; k <= 5; k++) {
                    assertEquals("SAMPLE " + (double) k + " " + (float) k + " " + (-k / 2f), lines.get(k), "" + all);
                }
            } finally {
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    @Timeout(90)
    void lsl4jFindsAndReadsALiblslOutletOverIpv6() throws Exception {
        LslConfig force = LslConfig.parse(CFG, dir.resolve("lsl_api.cfg"));
        String name = RUN + "-liblsl";
        Process p = spawn("outlet", name);
        List<String> all = new ArrayList<>();
        try (BufferedReader r = p.inputReader(StandardCharsets.UTF_8)) {
            List<String> ready = read(r, "INFO", all);
            assertEquals(1, ready.size(), "liblsl's outlet did not start: " + all);
            assertTrue(Integer.parseInt(field(ready.get(0), "v6data_port")) > 0, "liblsl serves IPv6: " + ready.get(0));
            List<StreamInfo> found = StreamResolver.resolveByProp(force, "name", name, 1, 15);
            assertEquals(1, found.size(), "lsl4j's resolver over ::1; child said " + all);
            try (StreamInlet in = new StreamInlet(found.get(0), 30, 0, false, StreamInlet.PROC_NONE, force)) {
                in.openStream(15);
                assertTrue(in.wire().dataConnectionAddress().getAddress() instanceof Inet6Address);
                float[] s = new float[2];
                for (int k = 1; k <= 5; k++) {
                    assertEquals(k, in.pullSample(s, 15), "timestamp of sample " + k + "; child said " + all);
                    assertEquals(k, s[0]);
                    assertEquals(-k / 2f, s[1]);
                }
                assertTrue(Math.abs(in.timeCorrection(10)) < 0.01, "one machine, one clock");
            }
        } finally {
            p.getOutputStream().close();
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
    }
}
