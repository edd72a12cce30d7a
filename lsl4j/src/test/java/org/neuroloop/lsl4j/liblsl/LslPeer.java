package org.neuroloop.lsl4j.liblsl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * The other process of the interop tests ({@link LslInteropTest}); protocol lines on stdout start with {@code "@@ "}.
 *
 * <ul>
 *   <li>{@code inlets PREFIX}: resolve every pattern stream of PREFIX, open inlets, print what arrives, exit.</li>
 *   <li>{@code outlets PREFIX}: publish every pattern stream, print {@code READY}, push once consumed, then stay
 *       alive until stdin closes (at most 60 s).</li>
 *   <li>{@code load -}: load liblsl and print {@code LOADED}, or fail (exit code 1) with the loader's message.</li>
 * </ul>
 */
public final class LslPeer {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String prefix = args[1];
        if (mode.equals("inlets")) {
            inlets(prefix);
        } else if (mode.equals("outlets")) {
            outlets(prefix);
        } else if (mode.equals("load")) {
            Lsl.load();
            say("LOADED " + Lsl.libraryVersion());
        } else {
            throw new IllegalArgumentException("mode must be inlets or outlets, got " + mode);
        }
        System.exit(0);
    }

    private static void say(String s) {
        OUT.println("@@ " + s);
    }

    private static StreamInfo take(Map<String, StreamInfo> found, String sourceId) {
        StreamInfo i = found.get(sourceId);
        if (i == null) {
            throw new IllegalStateException("stream " + sourceId + " not found, got " + found.keySet());
        }
        return i;
    }

    private static void inlets(String prefix) throws InterruptedException {
        List<StreamInlet> inlets = new ArrayList<>();
        Map<String, StreamInfo> found = InteropPattern.resolveAll(prefix, 15.0);
        for (ChannelFormat f : ChannelFormat.values()) {
            try (StreamInfo info = take(found, prefix + "-" + f.xmlName())) {
                StreamInlet in = new StreamInlet(info);
                in.open(10.0);
                inlets.add(in);
            }
        }
        StreamInlet markers;
        try (StreamInfo info = take(found, prefix + "-markers")) {
            markers = new StreamInlet(info);
            markers.open(10.0);
        }
        say("OPEN");
        int k = 0;
        for (ChannelFormat f : ChannelFormat.values()) {
            StreamInlet in = inlets.get(k++);
            for (String line : InteropPattern.pull(in, f, 15.0)) {
                say(f.xmlName() + " " + line);
            }
            try (StreamInfo full = in.info(5.0)) {
                say(f.xmlName() + " labels " + String.join(",", full.channelLabels()));
                say(f.xmlName() + " units " + String.join(",", full.channelUnits()));
            }
            say(f.xmlName() + " tc " + in.timeCorrection(5.0));
        }
        for (String line : InteropPattern.pullMarkers(markers, 15.0)) {
            say("markers " + line);
        }
        inlets.add(markers);
        InteropPattern.closeTogether(inlets);
        say("END");
    }

    private static void outlets(String prefix) throws Exception {
        List<StreamOutlet> outlets = new ArrayList<>();
        for (ChannelFormat f : ChannelFormat.values()) {
            try (StreamInfo info = InteropPattern.info(f, prefix)) {
                outlets.add(new StreamOutlet(info));
            }
        }
        StreamOutlet markers;
        try (StreamInfo info = InteropPattern.markerInfo(prefix)) {
            markers = new StreamOutlet(info);
        }
        CompletableFuture<Void> stdinClosed = CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (r.readLine() != null) {
                    // wait for EOF
                }
            } catch (Exception ignored) {
                // parent gone
            }
        });
        say("READY");
        int k = 0;
        for (ChannelFormat f : ChannelFormat.values()) {
            StreamOutlet out = outlets.get(k++);
            if (!out.waitForConsumers(20.0)) {
                say("NOCONSUMER " + f.xmlName());
                continue;
            }
            InteropPattern.push(out, f);
        }
        if (markers.waitForConsumers(20.0)) {
            InteropPattern.pushMarkers(markers);
        } else {
            say("NOCONSUMER markers");
        }
        say("PUSHED");
        try {
            stdinClosed.get(60, TimeUnit.SECONDS);
        } finally {
            outlets.forEach(StreamOutlet::close);
            markers.close();
        }
    }
}
