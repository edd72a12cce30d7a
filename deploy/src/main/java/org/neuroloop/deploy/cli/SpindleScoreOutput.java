package org.neuroloop.deploy.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuroloop.classifiers.sleep.DetectionScore;

/**
 * What {@code evaluate spindles} prints: per excerpt and pooled over the excerpts (tp, fp and fn summed, the ratios
 * recomputed from the sums, the delays of all matched pairs together), as one JSON object or as text lines.
 */
final class SpindleScoreOutput {
    private final String mode;
    private final String detector;
    private final double iou;
    private final double from;
    private final Double to;
    private final boolean online;
    private final List<SpindleScoring.Scored> excerpts;

    SpindleScoreOutput(
            DetectSpindlesCommand.Mode mode,
            String detector,
            double iou,
            double from,
            Double to,
            List<SpindleScoring.Scored> excerpts) {
        this.mode = mode.name();
        this.online = mode == DetectSpindlesCommand.Mode.online;
        this.detector = detector;
        this.iou = iou;
        this.from = from;
        this.to = to;
        this.excerpts = List.copyOf(excerpts);
    }

    DetectionScore pooled() {
        return DetectionScore.pooled(
                excerpts.stream().map(SpindleScoring.Scored::score).toList());
    }

    int pooledFires() {
        return online ? excerpts.stream().mapToInt(SpindleScoring.Scored::fires).sum() : -1;
    }

    /**
     * Top level: the settings and the pooled figures ({@code to} is the window end of a single excerpt, or with
     * several the {@code --to} given, null when each is scored to its own end); {@code excerpts}: the same figures
     * per excerpt with its files and window.
     */
    Map<String, Object> json() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (excerpts.size() == 1) {
            SpindleScoring.Scored only = excerpts.get(0);
            o.put("signal", only.options().signal.toString());
            o.put("reference", only.options().reference.toString());
        }
        o.put("mode", mode);
        o.put("detector", detector);
        o.put("iou", iou);
        o.put("from", from);
        o.put("to", excerpts.size() == 1 ? excerpts.get(0).to() : to);
        o.put("n_excerpts", excerpts.size());
        figures(o, pooled(), pooledFires());
        List<Map<String, Object>> list = new ArrayList<>();
        for (SpindleScoring.Scored s : excerpts) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", s.name());
            e.put("signal", s.options().signal.toString());
            e.put("reference", s.options().reference.toString());
            e.put(
                    "hypnogram",
                    s.options().hypnogram == null ? null : s.options().hypnogram.toString());
            e.put("fs", s.signal().fs());
            e.put("from", from);
            e.put("to", s.to());
            figures(e, s.score(), s.fires());
            list.add(e);
        }
        o.put("excerpts", list);
        return o;
    }

    private void figures(Map<String, Object> o, DetectionScore score, int fires) {
        o.put("f1", score.f1());
        o.put("precision", score.precision());
        o.put("recall", score.recall());
        o.put("tp", score.tp());
        o.put("fp", score.fp());
        o.put("fn", score.fn());
        o.put("n_detected", score.detected());
        o.put("n_reference", score.referenceCount());
        if (online) {
            double md = score.medianDelay();
            o.put("median_delay_s", Double.isNaN(md) ? null : md);
            o.put("delays_s", score.delays());
            // fires whose run was later rejected by the duration limits (already acted on live)
            o.put("n_fired", fires);
        }
    }

    /** One line per excerpt (with its delay line when online), then the pooled line when there are several. */
    List<String> text() {
        List<String> lines = new ArrayList<>();
        for (SpindleScoring.Scored s : excerpts) {
            lines.add(line(s.name(), s.score(), s.to()));
            if (online) {
                lines.add(delayLine(s.score(), s.fires()));
            }
        }
        if (excerpts.size() > 1) {
            lines.add(line("pooled over " + excerpts.size() + " excerpts", pooled(), Double.NaN));
            if (online) {
                lines.add(delayLine(pooled(), pooledFires()));
            }
        }
        return lines;
    }

    private String line(String name, DetectionScore score, double end) {
        return String.format(
                Locale.ROOT,
                "%s %s: F1 %.3f  precision %.3f  recall %.3f  (tp %d, fp %d, fn %d; %d detected, %d reference;"
                        + " IoU >= %.2f, %s)",
                name,
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
                Double.isNaN(end)
                        ? String.format(Locale.ROOT, "from %.0f s", from)
                        : String.format(Locale.ROOT, "%.0f-%.0f s", from, end));
    }

    private static String delayLine(DetectionScore score, int fires) {
        return String.format(
                Locale.ROOT,
                "  median delay (fire - reference onset): %.3f s; fires in window: %d",
                score.medianDelay(),
                fires);
    }
}
