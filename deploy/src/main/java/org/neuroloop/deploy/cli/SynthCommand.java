package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.neuroloop.ingest.synthetic.Montage1020;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;
import org.neuroloop.ingest.synthetic.SyntheticOutlet;
import org.neuroloop.ingest.synthetic.SyntheticScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop synth}: publishes seeded synthetic EEG with planted events (motor-imagery ERD, spindles, slow
 * oscillations) as a live LSL stream on this machine, plus the ground truth on a marker stream, so demos and
 * pipelines run without an amplifier.
 */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = "Publish synthetic EEG (and its ground-truth markers) as live LSL streams on this machine.")
public final class SynthCommand implements Callable<Integer> {

    @Option(
            names = "--scenario",
            defaultValue = "mi",
            description =
                    "noise, mi (T1/T2 cues with contralateral ERD), spindles, slow-oscillations or sleep. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(
            names = "--channels",
            defaultValue = "19",
            description = "Channel count (10-20/10-10 labels, motor sites first). Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(
            names = "--labels",
            split = ",",
            description = "Explicit channel labels (overrides --channels), e.g. C3,Cz,C4.")
    List<String> labels;

    @Option(names = "--rate", defaultValue = "250", description = "Sampling rate in Hz. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--chunk",
            defaultValue = "10",
            description = "Samples per pushed chunk. Default: ${DEFAULT-VALUE}.")
    int chunk;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed (same seed, same data). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--seconds",
            defaultValue = "0",
            description = "Duration; 0 = until interrupted. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(
            names = "--name",
            defaultValue = "NeuroLoopSynthetic",
            description = "LSL stream name (markers: NAME-truth). Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--source-id", description = "Source-id prefix of the two outlets. Default: neuroloop-synth-SEED.")
    String sourceId;

    @Option(
            names = "--wait-for-inlet",
            defaultValue = "0",
            description =
                    "Seconds to wait for an inlet on both streams before publishing (0 = publish at once). Default: ${DEFAULT-VALUE}.")
    double waitForInlet;

    @Option(names = "--json", description = "Print the stream description and the final counts as JSON lines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SyntheticEegConfig config;
        try {
            SyntheticScenario sc = SyntheticScenario.parse(scenario);
            List<String> montage = labels != null && !labels.isEmpty() ? labels : Montage1020.labels(channels);
            double duration = seconds == 0 ? Double.POSITIVE_INFINITY : seconds;
            if (!(seconds >= 0)) {
                throw new IllegalArgumentException("--seconds must be >= 0, got " + seconds);
            }
            config = sc.config("synth-" + seed, montage, rate, seed, chunk, duration, Double.NaN);
        } catch (IllegalArgumentException e) {
            System.err.println("synth: " + e.getMessage());
            return 2;
        }
        String prefix = sourceId != null ? sourceId : "neuroloop-synth-" + seed;
        ObjectMapper mapper = new ObjectMapper();
        try (SyntheticOutlet outlet = SyntheticOutlet.start(config, name, prefix, waitForInlet)) {
            Thread hook = new Thread(outlet::close, "synth-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("eeg_stream", name);
            info.put("eeg_source_id", outlet.eegSourceId());
            info.put("marker_stream", name + "-truth");
            info.put("marker_source_id", outlet.markerSourceId());
            info.put("scenario", scenario);
            info.put("channels", outlet.config().channelLabels());
            info.put("rate_hz", rate);
            info.put("seed", seed);
            info.put("seconds", seconds == 0 ? null : seconds);
            info.put("start_lsl_time", outlet.config().startTime());
            info.put("planted_events", outlet.config().schedule().events().size());
            System.out.println(json ? mapper.writeValueAsString(info) : "synth: publishing " + info);
            System.out.flush();
            while (!outlet.awaitEnd(1, TimeUnit.SECONDS)) {
                // until the end of a bounded session, or Ctrl-C (the shutdown hook closes the outlets)
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("samples_pushed", outlet.samplesPushed());
            done.put("markers_pushed", outlet.markersPushed());
            System.out.println(json ? mapper.writeValueAsString(done) : "synth: done " + done);
        }
        return 0;
    }
}
