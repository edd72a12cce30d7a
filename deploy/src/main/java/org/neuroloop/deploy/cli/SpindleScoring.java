package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * Scores one excerpt with the settings of an {@code evaluate spindles} run: the classic detector (online or
 * offline, gated by the hypnogram's stages when there is one) or the spindle network (online, ungated), against the
 * excerpt's reference in the window {@code [from, to)}.
 */
final class SpindleScoring {

    /**
     * One scored excerpt.
     *
     * @param name unique name of the excerpt in this run (the signal's file name)
     * @param options the options that named it
     * @param signal the scored channel
     * @param to the end of its scored window, s ({@code --to}, or the end of the signal)
     * @param reference the reference scoring
     * @param detections the accepted detections
     * @param score the score in {@code [from, to)}
     * @param fires online: fire times in the window (including runs later rejected by the duration limits, already
     *     acted on live); offline: -1
     */
    record Scored(
            String name,
            SpindleExcerptOptions options,
            SleepSignal signal,
            double to,
            List<Interval> reference,
            List<Spindle> detections,
            DetectionScore score,
            int fires) {}

    private final DetectSpindlesCommand.Mode mode;
    private final SpindleNetModel net;
    private final double iou;
    private final double from;
    private final Double to;
    private final Set<Integer> stages;
    private final double epoch;
    private final String channel;

    /** @param net the spindle network, or null for the classic detector */
    SpindleScoring(
            DetectSpindlesCommand.Mode mode,
            SpindleNetModel net,
            double iou,
            double from,
            Double to,
            Set<Integer> stages,
            double epoch,
            String channel) {
        this.mode = mode;
        this.net = net;
        this.iou = iou;
        this.from = from;
        this.to = to;
        this.stages = stages;
        this.epoch = epoch;
        this.channel = channel;
    }

    Scored score(String name, SpindleExcerptOptions e) throws IOException {
        SleepSignal s = SleepSignal.load(e.signal, e.fs, channel);
        List<Interval> ref = ScoringFile.read(e.reference);
        double end = to == null ? s.duration() : to;
        if (!(end > from)) {
            throw new IllegalArgumentException("--to (" + end + ") must be greater than --from (" + from + ")"
                    + (to == null ? " for " + e.signal + ", which lasts " + s.duration() + " s" : ""));
        }
        boolean[] gate = net == null ? s.gate(e.hypnogram, epoch, stages) : null;
        if (mode == DetectSpindlesCommand.Mode.offline) {
            List<Spindle> sp =
                    OfflineSpindleDetector.detect(s.x(), s.fs(), 0, SpindleParameters.offlineDefaults(), gate);
            DetectionScore score = OnlineSpindleRun.scoreOffline(sp, ref, iou, from, end);
            return new Scored(
                    name, e, s, end, ref, sp.stream().filter(Spindle::accepted).toList(), score, -1);
        }
        OnlineSpindleRun run = net != null
                ? net.run(s.x(), s.fs(), 0)
                : OnlineSpindleRun.replay(s.x(), s.fs(), 0, SpindleParameters.defaults(), gate);
        int fires = (int)
                Arrays.stream(run.fires()).filter(f -> f >= from && f < end).count();
        return new Scored(name, e, s, end, ref, run.accepted(), run.score(ref, iou, from, end), fires);
    }

    /** The excerpt as the report draws it: reference first, then the {@code --show-scoring} ones. */
    SpindleReport.Excerpt forReport(Scored s) throws IOException {
        Map<String, List<Interval>> scorings = new LinkedHashMap<>();
        scorings.put(s.options().reference.getFileName().toString(), s.reference());
        for (Map.Entry<String, Path> e : s.options().showScorings.entrySet()) {
            scorings.put(e.getKey(), ScoringFile.read(e.getValue()));
        }
        Hypnogram hyp = s.options().hypnogram == null ? null : Hypnogram.read(s.options().hypnogram, epoch);
        return new SpindleReport.Excerpt(
                s.name(), s.signal().x(), s.signal().fs(), hyp, scorings, s.detections(), s.score(), from, s.to());
    }
}
