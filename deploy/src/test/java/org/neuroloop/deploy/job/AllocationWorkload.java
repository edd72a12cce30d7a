package org.neuroloop.deploy.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.record.Chunk;

/**
 * What the allocation tests measure: the deployed graph of a live session (flags, causal filter, threshold detector,
 * policy) and one-sample chunks of 32 channels of a background far below the detector's threshold, so no chunk makes
 * an event or a stimulation (a chunk that does allocates its command).
 */
public final class AllocationWorkload {
    public static final int CHANNELS = 32;

    private AllocationWorkload() {}

    /**
     * The resolved config of the session.
     *
     * @param lslName the (never opened) LSL stream name, unique to the test
     * @param objectReuse Flink's object reuse, as {@code bench latency} runs
     */
    public static ResolvedConfig config(String lslName, boolean objectReuse) {
        String yaml = """
                name: allocation
                sessions:
                  - id: s
                    lsl: {name: %s}
                pipeline:
                  quality: {flatMicrovolts: 0.5, flatSeconds: 1.0, clipMicrovolts: 3200, clockJumpSeconds: 0.05, staleSeconds: 2}
                  filters: [{type: highpass, low: 0.5, order: 2}]
                  detector: {type: threshold, channels: ["0"], "on": 150, "off": 75}
                  policy: {refractorySeconds: 0.2, control: none}
                flink: {parallelism: 1, bufferTimeoutMs: 0%s}
                """.formatted(lslName, objectReuse ? ", objectReuse: true" : "");
        return new ConfigResolver("allocation.yaml", Path.of("."))
                .resolve(SessionConfigLoader.parse(yaml, "allocation.yaml"));
    }

    /** {@code n} one-sample chunks of session {@code s} at 250 Hz. */
    public static List<Chunk> signal(int n) {
        List<Chunk> chunks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double[] x = new double[CHANNELS];
            for (int c = 0; c < CHANNELS; c++) {
                x[c] = 20 * Math.sin(0.07 * k + c) + 5 * Math.sin(0.9 * k * (c + 1));
            }
            chunks.add(new Chunk("s", k, new double[] {1000 + k / 250.0}, x, CHANNELS, 250, 0));
        }
        return chunks;
    }
}
