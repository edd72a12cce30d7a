package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.deep.spindles.LabelledSignal;
import org.neuroloop.classifiers.deep.spindles.SpindleNetConfig;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.sleep.ScoringFile;
import org.neuroloop.deploy.progress.TrainingBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neuroloop train spindles}: train the online spindle network on scored channels and write NET.model. */
@Command(
        name = "spindles",
        mixinStandardHelpOptions = true,
        description = "Train the online spindle network on one or more scored channels"
                + " (repeat --signal/--fs/--reference).")
public final class TrainSpindlesCommand implements Callable<Integer> {

    /** One scored channel. */
    static final class Excerpt {
        @Option(names = "--signal", required = true, description = "Recording or plain text (one µV value per line).")
        Path signal;

        @Option(names = "--fs", description = "Sampling rate in Hz (required for plain text).")
        Double fs;

        @Option(
                names = "--reference",
                required = true,
                description = "Scoring of that signal: 'onset_s duration_s' per line.")
        Path reference;

        @Option(
                names = "--also-positive",
                description = "Optional second scoring of that signal (e.g. expert 2) whose spindles also"
                        + " count as positive in training; the rule is still chosen against --reference.")
        Path alsoPositive;
    }

    @ArgGroup(exclusive = false, multiplicity = "1..*")
    List<Excerpt> excerpts;

    @Option(names = "--channel", description = "Channel label (default: the first channel).")
    String channel;

    @Option(
            names = "--scored-until",
            defaultValue = "1000",
            description = "The references cover [0, S) s of each signal (DREAMS expert 1: 1000)"
                    + " (default: ${DEFAULT-VALUE}).")
    double scoredUntil;

    @Option(names = "--epochs", description = "Training epochs (default: 12).")
    Integer epochs;

    @Option(
            names = "--window-seconds",
            description = "Causal window the network sees at each decision, seconds (default: 1).")
    Double windowSeconds;

    @Option(
            names = "--negatives-per-positive",
            description = "Non-spindle windows drawn per spindle window each epoch (default: 3).")
    Integer negativesPerPositive;

    @Option(
            names = "--classic-inputs",
            negatable = true,
            description = "Also feed the classic detector's features (z sigma RMS, z relative sigma power,"
                    + " sigma-broadband correlation) as input channels.")
    Boolean classicInputs;

    @Option(
            names = "--recurrent",
            description = "State size of a two-layer GRU over the convolutions' time steps in place of the dense"
                    + " layer (0: none).")
    Integer recurrent;

    @Option(
            names = "--relative-threshold",
            negatable = true,
            description = "Threshold the network's score relative to the recording's own baseline (robust z of the"
                    + " logit over the last 120 s) instead of its probability.")
    Boolean relativeThreshold;

    @Option(names = "--out", required = true, description = "Model file to write.")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try {
            List<LabelledSignal> signals = new ArrayList<>();
            for (Excerpt e : excerpts) {
                SleepSignal s = SleepSignal.load(e.signal, e.fs, channel);
                signals.add(new LabelledSignal(
                        e.signal.getFileName().toString(),
                        s.x(),
                        s.fs(),
                        ScoringFile.read(e.reference),
                        e.alsoPositive == null ? List.of() : ScoringFile.read(e.alsoPositive),
                        Math.min(scoredUntil, s.duration())));
            }
            SpindleNetConfig cfg =
                    epochs == null ? SpindleNetConfig.DEFAULT : SpindleNetConfig.DEFAULT.withEpochs(epochs);
            if (windowSeconds != null) {
                cfg = cfg.withWindow((int) Math.round(windowSeconds * cfg.rateHz()));
            }
            if (negativesPerPositive != null) {
                cfg = cfg.withNegativesPerPositive(negativesPerPositive);
            }
            if (classicInputs != null) {
                cfg = cfg.withClassicInputs(classicInputs);
            }
            if (relativeThreshold != null) {
                cfg = cfg.withRelativeThreshold(relativeThreshold);
            }
            if (recurrent != null) {
                cfg = cfg.withRecurrent(recurrent);
            }
            long t0 = System.nanoTime();
            SpindleNetModel m;
            try (TrainingBar bar = new TrainingBar("train spindles", cfg.epochs())) {
                m = SpindleNetModel.train(cfg, signals, bar);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            m.save(out);
            if (json) {
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("model", out.toString());
                o.put("trained_on", String.join(",", m.trainedOn()));
                o.put("threshold", m.rule().threshold());
                o.put("min_consecutive", m.rule().minConsecutive());
                o.put("lead_s", m.rule().lead());
                o.put("max_gap", m.rule().maxGap());
                o.put("keep_threshold", m.rule().keep());
                o.put("relative", m.rule().relative());
                o.put("seconds", seconds);
                System.out.println(o);
            } else {
                System.out.printf(
                        "trained spindle net on %s in %.1f s (rule %s) -> %s%n", m.trainedOn(), seconds, m.rule(), out);
            }
            return 0;
        } catch (IllegalArgumentException | NoSuchFileException e) {
            System.err.println("train spindles: " + e.getMessage());
            return 2;
        }
    }
}
