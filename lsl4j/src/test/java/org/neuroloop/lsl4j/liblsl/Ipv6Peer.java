package org.neuroloop.lsl4j.liblsl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * liblsl in a child JVM whose working directory holds an {@code IPv6 = force} config ({@code Ipv6InteropTest});
 * protocol lines on stdout start with {@code "@@ "}.
 *
 * <ul>
 *   <li>{@code inlet NAME}: resolve NAME, print its info, read 5 samples of 2 float32 channels, print them, exit.</li>
 *   <li>{@code outlet NAME}: publish NAME, print its info, push samples k = 1..5 ({@code (k, -k/2)} at time k) once
 *       consumed, then stay until stdin closes.</li>
 * </ul>
 */
public final class Ipv6Peer {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        String name = args[1];
        if (args[0].equals("inlet")) {
            List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 15.0);
            if (found.size() != 1) {
                throw new IllegalStateException("liblsl found " + found.size() + " streams named " + name);
            }
            say("INFO " + found.get(0).toXml().replaceAll("\\s+", " "));
            try (StreamInlet in = new StreamInlet(found.get(0), 30, 0, false)) {
                StreamResolver.closeAll(found);
                float[] s = new float[2];
                double[] t = new double[1];
                for (int k = 0; k < 5; k++) {
                    if (in.pullChunk(s, t, 15.0) != 1) {
                        throw new IllegalStateException("no sample " + (k + 1) + " within 15 s");
                    }
                    say("SAMPLE " + t[0] + " " + s[0] + " " + s[1]);
                }
            }
        } else {
            try (StreamInfo info = StreamInfo.create(name, "EEG", 2, 100, ChannelFormat.FLOAT32, name);
                    StreamOutlet out = new StreamOutlet(info)) {
                try (StreamInfo mine = out.info()) {
                    say("INFO " + mine.toXml().replaceAll("\\s+", " "));
                }
                if (!out.waitForConsumers(30)) {
                    throw new IllegalStateException("no consumer for " + name);
                }
                Thread.sleep(200);
                for (int k = 1; k <= 5; k++) {
                    out.pushSample(new float[] {k, -k / 2f}, k);
                }
                say("PUSHED");
                try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    while (r.readLine() != null) {
                        // stay until the parent closes stdin
                    }
                }
            }
        }
        System.exit(0);
    }

    private static void say(String s) {
        OUT.println("@@ " + s);
    }
}
