package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.sleep.OfflineSpindleDetector;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop detect spindles}: sleep spindles of one channel, online (causal, as it would run live) or offline
 * (zero-phase, whole signal). Writes one accepted spindle per row: onset, offset, duration, peak, frequency,
 * amplitude, fire time (online), score.
 */
@Command(
        name = "spindles",
        mixinStandardHelpOptions = true,
        description = "Detect sleep spindles in one channel (EDF/BDF/XDF, or text with --fs).")
public final class DetectSpindlesCommand implements Callable<Integer> {

    enum Mode {
        online,
        offline
    }

    @Mixin
    SignalOptions input;

    @Option(
            names = "--mode",
            defaultValue = "online",
            description = "online (causal) or offline (zero-phase). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--out", description = "Write the events as TSV to this file (default: standard output).")
    Path out;

    @Option(
            names = "--hypnogram",
            description = "Optional DREAMS hypnogram (one stage code per epoch) to gate detection by stage.")
    Path hypnogram;

    @Option(
            names = "--stages",
            defaultValue = "0,1,2",
            description = "Stage codes allowed with --hypnogram (DREAMS: 2 S2, 1 S3, 0 S4). Default: ${DEFAULT-VALUE}.")
    String stages;

    @Option(
            names = "--epoch",
            defaultValue = "5",
            description = "Hypnogram epoch length in seconds. Default: ${DEFAULT-VALUE}.")
    double epoch;

    @Option(names = "--json", description = "Print one JSON object with the events.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try {
            SleepSignal s = input.load();
            boolean[] gate = s.gate(hypnogram, epoch, SleepSignal.stages(stages));
            List<Spindle> spindles =
                    detect(s, mode, gate).stream().filter(Spindle::accepted).toList();
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("signal", input.signal.toString());
                o.put("channel", s.label());
                o.put("fs", s.fs());
                o.put("mode", mode.name());
                o.put("n_events", spindles.size());
                List<Map<String, Object>> ev = new ArrayList<>();
                for (Spindle sp : spindles) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("onset", sp.onset());
                    e.put("offset", sp.offset());
                    e.put("duration", sp.duration());
                    e.put("peak", sp.peak());
                    e.put("frequency", sp.frequency());
                    e.put("amplitude", sp.amplitude());
                    e.put("fired_at", Double.isNaN(sp.firedAt()) ? null : sp.firedAt());
                    e.put("score", sp.score());
                    ev.add(e);
                }
                o.put("events", ev);
                String text = new ObjectMapper().writeValueAsString(o);
                if (out != null) {
                    writeTsv(spindles);
                }
                System.out.println(text);
            } else if (out != null) {
                writeTsv(spindles);
                System.err.printf(Locale.ROOT, "%d spindles (%s) written to %s%n", spindles.size(), mode, out);
            } else {
                print(System.out, spindles);
            }
            return 0;
        } catch (IllegalArgumentException | NoSuchFileException e) {
            System.err.println("detect spindles: " + e.getMessage());
            return 2;
        }
    }

    static List<Spindle> detect(SleepSignal s, Mode mode, boolean[] gate) {
        return mode == Mode.online
                ? OnlineSpindleRun.replay(s.x(), s.fs(), 0, SpindleParameters.defaults(), gate)
                        .spindles()
                : OfflineSpindleDetector.detect(s.x(), s.fs(), 0, SpindleParameters.offlineDefaults(), gate);
    }

    private void writeTsv(List<Spindle> spindles) throws IOException {
        try (PrintStream p = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8)) {
            print(p, spindles);
        }
    }

    private static void print(PrintStream p, List<Spindle> spindles) {
        p.println("onset_s\toffset_s\tduration_s\tpeak_s\tfrequency_hz\tamplitude_uv\tfired_at_s\tscore");
        for (Spindle sp : spindles) {
            p.printf(
                    Locale.ROOT,
                    "%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\t%s\t%.2f%n",
                    sp.onset(),
                    sp.offset(),
                    sp.duration(),
                    sp.peak(),
                    sp.frequency(),
                    sp.amplitude(),
                    Double.isNaN(sp.firedAt()) ? "NA" : String.format(Locale.ROOT, "%.3f", sp.firedAt()),
                    sp.score());
        }
    }
}
