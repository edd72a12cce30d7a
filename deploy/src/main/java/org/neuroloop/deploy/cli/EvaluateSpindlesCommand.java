package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.sleep.DetectionScore;
import org.neuroloop.classifiers.sleep.Hypnogram;
import org.neuroloop.classifiers.sleep.Interval;
import org.neuroloop.classifiers.sleep.OfflineSpindleDetector;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;
import org.neuroloop.classifiers.sleep.ScoringFile;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.deploy.report.SpindleReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop evaluate spindles}: event-level precision, recall and F1 of the spindle detector against a scoring
 * file, with greedy one-to-one matching at IoU ≥ {@code --iou}; events count in the window when their onset is in
 * {@code [--from, --to)}. Online mode also reports the median delay (fire time minus reference onset, matched pairs).
 */
@Command(
        name = "spindles",
        mixinStandardHelpOptions = true,
        description = "Score the spindle detector against a reference scoring (onset duration per line).")
public final class EvaluateSpindlesCommand implements Callable<Integer> {

    @Mixin
    SignalOptions input;

    @Option(
            names = "--reference",
            required = true,
            description = "Reference scoring: optional [header], then 'onset_s duration_s' per line.")
    Path reference;

    @Option(
            names = "--from",
            defaultValue = "0",
            description = "Window start, seconds from the first sample. Default: ${DEFAULT-VALUE}.")
    double from;

    @Option(names = "--to", description = "Window end, seconds (default: end of the recording).")
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

    @Option(names = "--hypnogram", description = "Optional DREAMS hypnogram to gate detection by stage.")
    Path hypnogram;

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
            description = "Also write an HTML report: timeline of hypnogram,"
                    + " scorings and detections, precision/recall/F1, detection-delay histogram, an example spindle.")
    Path report;

    @Option(
            names = "--show-scoring",
            paramLabel = "NAME=FILE",
            description = "With --report: another scoring of the same signal drawn in the timeline"
                    + " (e.g. expert2=Visual_scoring2_excerpt1.txt); repeatable.")
    Map<String, Path> showScorings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        try {
            SleepSignal s = input.load();
            List<Interval> ref = ScoringFile.read(reference);
            double end = to == null ? s.duration() : to;
            if (!(end > from)) {
                throw new IllegalArgumentException("--to (" + end + ") must be greater than --from (" + from + ")");
            }
            boolean[] gate = s.gate(hypnogram, epoch, SleepSignal.stages(stages));
            DetectionScore score;
            List<Spindle> detections;
            int fires = -1;
            boolean net = "net".equals(detector);
            if (!net && !"classic".equals(detector)) {
                throw new IllegalArgumentException("--detector must be classic or net, got '" + detector + "'");
            }
            if (net != (model != null)) {
                throw new IllegalArgumentException(
                        net ? "--detector net needs --model NET.model" : "--model needs --detector net");
            }
            if (net && (mode != DetectSpindlesCommand.Mode.online || gate != null)) {
                throw new IllegalArgumentException("--detector net runs online only and without --hypnogram");
            }
            if (mode == DetectSpindlesCommand.Mode.online) {
                OnlineSpindleRun run = net
                        ? SpindleNetModel.load(model).run(s.x(), s.fs(), 0)
                        : OnlineSpindleRun.replay(s.x(), s.fs(), 0, SpindleParameters.defaults(), gate);
                score = run.score(ref, iou, from, end);
                detections = run.accepted();
                fires = (int) Arrays.stream(run.fires())
                        .filter(f -> f >= from && f < end)
                        .count();
            } else {
                List<Spindle> sp =
                        OfflineSpindleDetector.detect(s.x(), s.fs(), 0, SpindleParameters.offlineDefaults(), gate);
                score = OnlineSpindleRun.scoreOffline(sp, ref, iou, from, end);
                detections = sp.stream().filter(Spindle::accepted).toList();
            }
            if (report != null) {
                writeReport(s, ref, detections, score, end);
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("signal", input.signal.toString());
            o.put("reference", reference.toString());
            o.put("mode", mode.name());
            o.put("detector", detector);
            o.put("iou", iou);
            o.put("from", from);
            o.put("to", end);
            o.put("f1", score.f1());
            o.put("precision", score.precision());
            o.put("recall", score.recall());
            o.put("tp", score.tp());
            o.put("fp", score.fp());
            o.put("fn", score.fn());
            o.put("n_detected", score.detected());
            o.put("n_reference", score.referenceCount());
            if (mode == DetectSpindlesCommand.Mode.online) {
                double md = score.medianDelay();
                o.put("median_delay_s", Double.isNaN(md) ? null : md);
                o.put("delays_s", score.delays());
                // fires whose run was later rejected by the duration limits (already acted on live)
                o.put("n_fired", fires);
            }
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                System.out.printf(
                        Locale.ROOT,
                        "%s %s: F1 %.3f  precision %.3f  recall %.3f  (tp %d, fp %d, fn %d; %d detected, %d reference; IoU >= %.2f, %.0f-%.0f s)%n",
                        input.signal.getFileName(),
                        mode,
                        score.f1(),
                        score.precision(),
                        score.recall(),
                        score.tp(),
                        score.fp(),
                        score.fn(),
                        score.detected(),
                        score.referenceCount(),
                        iou,
                        from,
                        end);
                if (mode == DetectSpindlesCommand.Mode.online) {
                    System.out.printf(
                            Locale.ROOT,
                            "median delay (fire - reference onset): %.3f s; fires in window: %d%n",
                            score.medianDelay(),
                            fires);
                }
            }
            return 0;
        } catch (IllegalArgumentException | NoSuchFileException e) {
            System.err.println("evaluate spindles: " + e.getMessage());
            return 2;
        }
    }

    private void writeReport(
            SleepSignal s, List<Interval> ref, List<Spindle> detections, DetectionScore score, double end)
            throws IOException {
        Map<String, List<Interval>> scorings = new LinkedHashMap<>();
        scorings.put(reference.getFileName().toString(), ref);
        for (Map.Entry<String, Path> e : showScorings.entrySet()) {
            scorings.put(e.getKey(), ScoringFile.read(e.getValue()));
        }
        Hypnogram hyp = hypnogram == null ? null : Hypnogram.read(hypnogram, epoch);
        SpindleReport.Excerpt excerpt = new SpindleReport.Excerpt(
                input.signal.getFileName().toString(), s.x(), s.fs(), hyp, scorings, detections, score, from, end);
        new SpindleReport(detector + " " + mode, List.of(excerpt)).page().write(report);
    }
}
