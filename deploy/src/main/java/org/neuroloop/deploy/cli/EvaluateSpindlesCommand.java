package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.deploy.report.SpindleReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop evaluate spindles}: event-level precision, recall and F1 of the spindle detector against a scoring
 * file, with greedy one-to-one matching at IoU ≥ {@code --iou}; events count in the window when their onset is in
 * {@code [--from, --to)}. Online mode also reports the median delay (fire time minus reference onset, matched pairs).
 * Several excerpts (repeat {@code --signal} with its {@code --fs}, {@code --reference}, ...) are scored one by one
 * and pooled by summing their counts.
 */
@Command(
        name = "spindles",
        mixinStandardHelpOptions = true,
        description = {
            "Score the spindle detector against a reference scoring (onset duration per line).",
            "Several excerpts: repeat --signal, each followed by its own --fs, --reference,",
            "--hypnogram and --show-scoring. Each excerpt is scored and reported; the pooled",
            "figures sum their tp, fp and fn. E.g. (DREAMS excerpts 1 and 2):",
            "  --signal excerpt1.txt --fs 100 --reference Visual_scoring1_excerpt1.txt",
            "  --signal excerpt2.txt --fs 200 --reference Visual_scoring1_excerpt2.txt"
        })
public final class EvaluateSpindlesCommand implements Callable<Integer> {

    @ArgGroup(exclusive = false, multiplicity = "1..*", heading = "Excerpts (repeatable):%n")
    List<SpindleExcerptOptions> excerpts;

    @Option(names = "--channel", description = "Channel label in each signal (default: the first channel).")
    String channel;

    @Option(
            names = "--from",
            defaultValue = "0",
            description = "Window start, seconds from the first sample. Default: ${DEFAULT-VALUE}.")
    double from;

    @Option(names = "--to", description = "Window end, seconds (default: the end of each recording).")
    Double to;

    @Option(
            names = "--mode",
            defaultValue = "online",
            description = "online (causal) or offline (zero-phase). Default: ${DEFAULT-VALUE}.")
    DetectSpindlesCommand.Mode mode;

    @Option(
            names = "--iou",
            defaultValue = "0.2",
            description = "Minimum intersection over union of a match. Default: ${DEFAULT-VALUE}.")
    double iou;

    @Option(
            names = "--stages",
            defaultValue = "0,1,2",
            description = "Stage codes allowed with --hypnogram. Default: ${DEFAULT-VALUE}.")
    String stages;

    @Option(
            names = "--epoch",
            defaultValue = "5",
            description = "Hypnogram epoch length in seconds. Default: ${DEFAULT-VALUE}.")
    double epoch;

    @Option(
            names = "--detector",
            defaultValue = "classic",
            description =
                    "classic (sigma-band detector) or net (the online spindle network, with --model). Default: ${DEFAULT-VALUE}.")
    String detector;

    @Option(names = "--model", description = "Spindle network from 'train spindles' (with --detector net).")
    Path model;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Also write an HTML report: per excerpt a timeline of hypnogram,"
                    + " scorings and detections and an example spindle; precision/recall/F1 per excerpt and the"
                    + " detection-delay histogram.")
    Path report;

    @Override
    public Integer call() throws Exception {
        try {
            SpindleScoring scoring = scoring();
            List<String> names = names();
            List<SpindleScoring.Scored> scored = new ArrayList<>();
            List<SpindleReport.Excerpt> forReport = new ArrayList<>();
            try (Progress progress = Progress.start("evaluate spindles", excerpts.size(), "excerpts")) {
                for (int i = 0; i < excerpts.size(); i++) {
                    SpindleScoring.Scored s = scoring.score(names.get(i), excerpts.get(i));
                    scored.add(s);
                    if (report != null) {
                        forReport.add(scoring.forReport(s));
                    }
                    progress.stepTo(i + 1);
                    progress.extra(s.name()
                            + String.format(Locale.ROOT, " F1 %.3f", s.score().f1()));
                }
            }
            if (report != null) {
                new SpindleReport(detector + " " + mode, forReport).page().write(report);
            }
            SpindleScoreOutput output = new SpindleScoreOutput(mode, detector, iou, from, to, scored);
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(output.json()));
            } else {
                output.text().forEach(System.out::println);
            }
            return 0;
        } catch (IllegalArgumentException | NoSuchFileException e) {
            System.err.println("evaluate spindles: " + CliErrors.describe(e));
            return CliErrors.BAD_INPUT;
        }
    }

    /** Checks the options and every file before any excerpt is scored. */
    private SpindleScoring scoring() throws IOException {
        boolean net = "net".equals(detector);
        if (!net && !"classic".equals(detector)) {
            throw new IllegalArgumentException("--detector must be classic or net, got '" + detector + "'");
        }
        if (net != (model != null)) {
            throw new IllegalArgumentException(
                    net ? "--detector net needs --model NET.model" : "--model needs --detector net");
        }
        boolean gated = excerpts.stream().anyMatch(e -> e.hypnogram != null);
        if (net && (mode != DetectSpindlesCommand.Mode.online || gated)) {
            throw new IllegalArgumentException("--detector net runs online only and without --hypnogram");
        }
        if (to != null && !(to > from)) {
            throw new IllegalArgumentException("--to (" + to + ") must be greater than --from (" + from + ")");
        }
        if (report == null) {
            for (SpindleExcerptOptions e : excerpts) {
                if (!e.showScorings.isEmpty()) {
                    throw new IllegalArgumentException("--show-scoring draws a scoring in the report: give --report");
                }
            }
        }
        excerpts.forEach(SpindleExcerptOptions::checkFiles);
        Set<Integer> allowed = SleepSignal.stages(stages);
        SpindleNetModel loaded = net ? SpindleNetModel.load(model) : null;
        return new SpindleScoring(mode, loaded, iou, from, to, allowed, epoch, channel);
    }

    /** Each excerpt's name: its file name, or its path as given when two excerpts share a file name. */
    private List<String> names() {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (SpindleExcerptOptions e : excerpts) {
            String n = e.signal.getFileName().toString();
            if (!seen.add(n)) {
                repeated.add(n);
            }
        }
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (SpindleExcerptOptions e : excerpts) {
            String n = e.signal.getFileName().toString();
            String name = repeated.contains(n) ? e.signal.toString() : n;
            if (!used.add(name)) {
                throw new IllegalArgumentException("--signal " + e.signal + " is given twice");
            }
            names.add(name);
        }
        return names;
    }
}
