package org.neuroloop.lsl4j.liblsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslLostException;

/** The binding against the real liblsl in one process (loopback config from the repository root). */
class LslBindingTest {

    private static String unique(String what) {
        return "nl-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void versionsAndClock() {
        assertEquals(110, Lsl.protocolVersion());
        assertTrue(Lsl.libraryVersion() >= 110, "library version " + Lsl.libraryVersion());
        // lsl_local_clock is steady_clock = CLOCK_MONOTONIC on Linux, the clock behind System.nanoTime().
        double before = System.nanoTime() / 1e9;
        double lsl = Lsl.localClock();
        double after = System.nanoTime() / 1e9;
        assertTrue(
                lsl >= before - 1e-3 && lsl <= after + 1e-3,
                "local_clock " + lsl + " not within nanoTime [" + before + ", " + after + "]");
    }

    @Test
    void descMetadataSurvivesXmlAndCopy() {
        try (StreamInfo info = StreamInfo.create(unique("amp"), "EEG", 3, 500, ChannelFormat.FLOAT32, unique("amp"))) {
            info.setChannels(List.of("Fz", "Cz", "Pz"), List.of("uV", "uV", "uV"), "EEG");
            info.desc()
                    .appendChild("acquisition")
                    .appendChildValue("manufacturer", "NeuroLoop")
                    .appendChildValue("model", "sim");
            assertEquals(List.of("Fz", "Cz", "Pz"), info.channelLabels());
            String xml = info.toXml();
            assertTrue(xml.contains("<label>Cz</label>"), xml);
            // liblsl parses only complete infos (with the uid an outlet assigns)
            LslException bad = assertThrows(LslException.class, () -> StreamInfo.fromXml(xml));
            assertTrue(bad.getMessage().contains("UID"), bad.getMessage());
            try (StreamOutlet out = new StreamOutlet(info);
                    StreamInfo published = out.info();
                    StreamInfo parsed = StreamInfo.fromXml(published.toXml());
                    StreamInfo copy = info.copy()) {
                assertEquals(published.uid(), parsed.uid());
                for (StreamInfo s : List.of(parsed, copy)) {
                    assertEquals(info.name(), s.name());
                    assertEquals("EEG", s.type());
                    assertEquals(3, s.channelCount());
                    assertEquals(500.0, s.nominalRate());
                    assertEquals(ChannelFormat.FLOAT32, s.channelFormat());
                    assertEquals(info.sourceId(), s.sourceId());
                    assertEquals(List.of("Fz", "Cz", "Pz"), s.channelLabels());
                    assertEquals(List.of("uV", "uV", "uV"), s.channelUnits());
                    XmlElement acq = s.desc().child("acquisition");
                    assertFalse(acq.isEmpty());
                    assertEquals("NeuroLoop", acq.childText("manufacturer"));
                    assertEquals("sim", acq.child("model").text());
                    assertTrue(acq.child("absent").isEmpty());
                    assertEquals(
                            3, s.desc().child("channels").children("channel").size());
                }
            }
        }
    }

    @Test
    void closedHandlesRefuseCalls() {
        StreamInfo info = StreamInfo.create("x", "EEG", 1, 100, ChannelFormat.DOUBLE64, "");
        info.close();
        info.close();
        assertThrows(IllegalStateException.class, info::name);
    }

    @Test
    void badShapesAreRejectedWithClearMessages() {
        try (StreamInfo info = StreamInfo.create(unique("shape"), "EEG", 4, 100, ChannelFormat.FLOAT32, "");
                StreamOutlet out = new StreamOutlet(info)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> out.pushChunk(new float[7], 2, new double[2], true));
            assertTrue(e.getMessage().contains("need 8 values, got 7"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> out.pushMarker("x", 0));
        }
        assertThrows(
                IllegalArgumentException.class, () -> StreamInfo.create("y", "EEG", 0, 100, ChannelFormat.FLOAT32, ""));
    }

    @Test
    @Timeout(60)
    void resolvesByPropertyPredicateAndContinuously() throws Exception {
        String name = unique("resolve");
        try (StreamInfo info = StreamInfo.create(name, "EEG", 2, 250, ChannelFormat.FLOAT32, name + "-src");
                StreamOutlet out = new StreamOutlet(info);
                ContinuousResolver cont =
                        ContinuousResolver.byPredicate("name=" + StreamResolver.xpathLiteral(name), 5.0)) {
            try (StreamInfo outInfo = out.info()) {
                assertFalse(outInfo.uid().isEmpty());
                assertFalse(outInfo.hostname().isEmpty());
                List<StreamInfo> byProp = StreamResolver.resolveByProperty("source_id", name + "-src", 1, 10.0);
                assertEquals(1, byProp.size());
                assertEquals(outInfo.uid(), byProp.get(0).uid());
                StreamResolver.closeAll(byProp);
            }
            List<StreamInfo> byPred = StreamResolver.resolveByPredicate(
                    "name=" + StreamResolver.xpathLiteral(name) + " and channel_count=2 and type='EEG'", 1, 10.0);
            assertEquals(1, byPred.size());
            assertEquals(name, byPred.get(0).name());
            StreamResolver.closeAll(byPred);
            assertTrue(StreamResolver.resolveByPredicate(
                            "name=" + StreamResolver.xpathLiteral(name) + " and channel_count=3", 1, 1.0)
                    .isEmpty());

            List<StreamInfo> seen = List.of();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                seen = cont.results();
            }
            assertEquals(1, seen.size());
            assertEquals(name + "-src", seen.get(0).sourceId());
            StreamResolver.closeAll(seen);
        }
    }

    @Test
    @Timeout(60)
    void inletWithoutRecoveryReportsLostOutlet() {
        String name = unique("lost");
        StreamOutlet out = Liblsl.outlet(name, "EEG", 2, 100, ChannelFormat.DOUBLE64, name);
        try (StreamInlet in = Liblsl.openInlet(name)) {
            assertTrue(out.waitForConsumers(10.0));
            out.pushChunk(new double[] {1, 2, 3, 4}, new double[] {10.0, 10.01});
            double[] buf = new double[8];
            double[] ts = new double[4];
            int got = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (got < 2 && System.nanoTime() < deadline) {
                got += in.pullChunk(buf, ts, 0.2);
            }
            assertEquals(2, got);
            out.close();
            LslLostException lost = null;
            deadline = System.nanoTime() + 20_000_000_000L;
            while (lost == null && System.nanoTime() < deadline) {
                try {
                    in.pullChunk(buf, ts, 0.2);
                } catch (LslLostException e) {
                    lost = e;
                }
            }
            assertNotNull(lost, "inlet never reported the closed outlet as lost");
        }
    }

    @Test
    @Timeout(60)
    void chunkingOnEitherSideDoesNotChangeWhatArrives() {
        String name = unique("chunking");
        SplittableRandom rnd = new SplittableRandom(11);
        int ch = 3;
        int total = 600;
        StreamOutlet out = Liblsl.outlet(name, "EEG", ch, 500, ChannelFormat.DOUBLE64, name);
        try (out;
                StreamInlet in = Liblsl.openInlet(name)) {
            assertTrue(out.waitForConsumers(10.0));
            for (int k = 0; k < total; ) { // random push chunk sizes 1..40
                int n = Math.min(1 + rnd.nextInt(40), total - k);
                double[] d = new double[n * ch];
                double[] ts = new double[n];
                for (int i = 0; i < n; i++) {
                    ts[i] = 100 + (k + i) * 0.002;
                    for (int c = 0; c < ch; c++) {
                        d[i * ch + c] = (k + i) * 10 + c;
                    }
                }
                out.pushChunk(d, n, ts, true);
                k += n;
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (in.samplesAvailable() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(in.samplesAvailable() > 0, "samples_available after pushing " + total + " samples");
            int k = 0;
            while (k < total
                    && System.nanoTime() < deadline) { // random pull capacities 1..50, larger arrays than needed
                int cap = 1 + rnd.nextInt(50);
                double[] d = new double[cap * ch + rnd.nextInt(ch)];
                double[] ts = new double[cap + rnd.nextInt(3)];
                int n = in.pullChunk(d, ts, 0.5);
                assertTrue(n <= Math.min(d.length / ch, ts.length));
                for (int i = 0; i < n; i++, k++) {
                    assertEquals(100 + k * 0.002, ts[i], 1e-9, "timestamp of sample " + k);
                    for (int c = 0; c < ch; c++) {
                        assertEquals(k * 10 + c, d[i * ch + c], "sample " + k + " channel " + c);
                    }
                }
            }
            assertEquals(total, k);
        }
    }

    @Test
    void loopbackConfigIsRecognised() {
        assertNull(LoopbackConfig.loopbackProblem(LoopbackConfig.parse(List.of(
                "; comment",
                "[multicast]",
                "ResolveScope = machine",
                "[lab]",
                "KnownPeers = {127.0.0.1, localhost}"))));
        assertNull(LoopbackConfig.loopbackProblem(
                LoopbackConfig.parse(List.of("[multicast]", "AddressesOverride = {127.0.0.1}"))));
        assertTrue(LoopbackConfig.loopbackProblem(LoopbackConfig.parse(List.of("[ports]", "IPv6 = disable")))
                .contains("ResolveScope"));
        assertTrue(LoopbackConfig.loopbackProblem(LoopbackConfig.parse(List.of("[multicast]", "ResolveScope = site")))
                .contains("site"));
        assertTrue(LoopbackConfig.loopbackProblem(LoopbackConfig.parse(
                        List.of("[multicast]", "ResolveScope = machine", "[lab]", "KnownPeers = {10.0.0.7}")))
                .contains("10.0.0.7"));
        assertTrue(LoopbackConfig.loopbackProblem(LoopbackConfig.parse(
                        List.of("[multicast]", "ResolveScope = machine", "AddressesOverride = {239.255.172.215}")))
                .contains("AddressesOverride"));
        // the repository's own config is what the tests run with
        assertEquals("lsl_api.cfg", LoopbackConfig.require().getFileName().toString());
    }
}
