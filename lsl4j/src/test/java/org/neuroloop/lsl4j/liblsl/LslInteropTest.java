package org.neuroloop.lsl4j.liblsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.ChildJvm;

/**
 * Real liblsl on loopback, across processes: our outlets feed inlets in a child JVM and the child's outlets feed our
 * inlets, for every channel format plus a string marker stream, with desc metadata and time correction.
 */
class LslInteropTest {

    private static String prefix() {
        return "nl-interop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Process spawn(String mode, String prefix) throws IOException {
        String root = ChildJvm.root();
        ProcessBuilder pb = ChildJvm.of("-Dneuroloop.root=" + root, LslPeer.class, mode, prefix);
        pb.directory(new File(root));
        return pb.start();
    }

    /** Protocol lines ({@code "@@ "} stripped) read until {@code stopAt} or EOF; other output is kept for errors. */
    private static List<String> readUntil(BufferedReader r, String stopAt, List<String> noise) throws IOException {
        List<String> lines = new ArrayList<>();
        String l;
        while ((l = r.readLine()) != null) {
            if (l.startsWith("@@ ")) {
                String s = l.substring(3);
                lines.add(s);
                if (s.equals(stopAt)) {
                    break;
                }
            } else {
                noise.add(l);
            }
        }
        return lines;
    }

    private static List<String> select(List<String> lines, String key) {
        return lines.stream()
                .filter(s -> s.startsWith(key + " "))
                .map(s -> s.substring(key.length() + 1))
                .collect(Collectors.toList());
    }

    @Test
    @Timeout(90)
    void ourOutletsReachInletsInAnotherProcess() throws Exception {
        String prefix = prefix();
        List<StreamOutlet> outlets = new ArrayList<>();
        Process child = null;
        try {
            for (ChannelFormat f : ChannelFormat.values()) {
                try (StreamInfo info = InteropPattern.info(f, prefix)) {
                    outlets.add(new StreamOutlet(info));
                }
            }
            StreamOutlet markers;
            try (StreamInfo info = InteropPattern.markerInfo(prefix)) {
                markers = new StreamOutlet(info);
                outlets.add(markers);
            }
            child = spawn("inlets", prefix);
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> noise = new ArrayList<>();
            List<String> open = readUntil(r, "OPEN", noise);
            assertTrue(open.contains("OPEN"), () -> "child did not open its inlets: " + noise);
            int k = 0;
            for (ChannelFormat f : ChannelFormat.values()) {
                StreamOutlet out = outlets.get(k++);
                assertTrue(out.waitForConsumers(20.0), "no consumer for " + f);
                InteropPattern.push(out, f);
            }
            assertTrue(markers.waitForConsumers(20.0));
            InteropPattern.pushMarkers(markers);

            List<String> lines = readUntil(r, "END", noise);
            assertTrue(lines.contains("END"), () -> "child did not finish: " + lines + " " + noise);
            for (ChannelFormat f : ChannelFormat.values()) {
                String key = f.xmlName();
                List<String> samples = select(lines, key).stream()
                        .filter(s -> Character.isDigit(s.charAt(0)))
                        .toList();
                assertEquals(InteropPattern.expectedLines(f), samples, "samples of " + key);
                assertEquals(List.of(String.join(",", InteropPattern.LABELS)), select(lines, key + " labels"));
                assertEquals(List.of(String.join(",", InteropPattern.UNITS)), select(lines, key + " units"));
                double tc = Double.parseDouble(select(lines, key + " tc").get(0));
                assertTrue(
                        Math.abs(tc) < 0.005,
                        "time correction between two processes on one host should be ~0, got " + tc);
            }
            assertEquals(InteropPattern.expectedMarkers(), select(lines, "markers"));
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), () -> "child output: " + noise);
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            outlets.forEach(StreamOutlet::close);
        }
    }

    @Test
    @Timeout(90)
    void outletsInAnotherProcessReachOurInlets() throws Exception {
        String prefix = prefix();
        Process child = spawn("outlets", prefix);
        List<StreamInlet> inlets = new ArrayList<>();
        try {
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> noise = Collections.synchronizedList(new ArrayList<>());
            assertTrue(readUntil(r, "READY", noise).contains("READY"), () -> "child did not publish: " + noise);
            Map<String, StreamInfo> found = InteropPattern.resolveAll(prefix, 15.0);
            for (ChannelFormat f : ChannelFormat.values()) {
                inlets.add(openInlet(found, prefix + "-" + f.xmlName()));
            }
            StreamInlet markers = openInlet(found, prefix + "-markers");
            inlets.add(markers);

            int k = 0;
            for (ChannelFormat f : ChannelFormat.values()) {
                StreamInlet in = inlets.get(k++);
                assertEquals(InteropPattern.expectedLines(f), InteropPattern.pull(in, f, 20.0), "samples of " + f);
                try (StreamInfo full = in.info(5.0)) {
                    assertEquals(InteropPattern.LABELS, full.channelLabels());
                    assertEquals(InteropPattern.UNITS, full.channelUnits());
                    assertEquals(f, full.channelFormat());
                    assertEquals(InteropPattern.RATE, full.nominalRate());
                    assertEquals(prefix + "-" + f.xmlName(), full.sourceId());
                }
                double tc = in.timeCorrection(5.0);
                assertTrue(Math.abs(tc) < 0.005, "time correction on one host should be ~0, got " + tc);
                assertTrue(!in.wasClockReset());
            }
            assertEquals(InteropPattern.expectedMarkers(), InteropPattern.pullMarkers(markers, 20.0));
            InteropPattern.closeTogether(inlets);
            child.getOutputStream().close();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
        } finally {
            inlets.forEach(StreamInlet::close);
            child.destroyForcibly();
        }
    }

    private static StreamInlet openInlet(Map<String, StreamInfo> found, String sourceId) {
        try (StreamInfo info = found.get(sourceId)) {
            assertTrue(info != null, "stream " + sourceId + " not resolved, got " + found.keySet());
            StreamInlet in = new StreamInlet(info);
            in.open(10.0);
            return in;
        }
    }
}
