package org.neuroloop.deploy.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuroloop.classifiers.sleep.DetectionScore;
import org.neuroloop.classifiers.sleep.Hypnogram;
import org.neuroloop.classifiers.sleep.Interval;
import org.neuroloop.classifiers.sleep.Spindle;

/**
 * The report of {@code evaluate spindles}: per excerpt a timeline (hypnogram, expert scorings, our detections),
 * precision, recall and F1, the histogram of detection delays, and one example spindle with its detection.
 */
public final class SpindleReport {

    /**
     * One scored excerpt as {@code evaluate spindles} evaluated it.
     *
     * @param name excerpt (file) name
     * @param x the channel, µV; sample i at i / fs seconds
     * @param fs sampling rate, Hz
     * @param hypnogram the excerpt's hypnogram, or null
     * @param scorings reference scoring first (the one scored against), then any others to draw, by name
     * @param detections our accepted detections
     * @param score the score against the reference in {@code [from, to)}
     * @param from scored window start, s
     * @param to scored window end, s
     */
    public record Excerpt(
            String name,
            double[] x,
            double fs,
            Hypnogram hypnogram,
            Map<String, List<Interval>> scorings,
            List<Spindle> detections,
            DetectionScore score,
            double from,
            double to) {}

    private final String detector;
    private final List<Excerpt> excerpts;

    /**
     * @param detector what detected, e.g. "classic online"
     */
    public SpindleReport(String detector, List<Excerpt> excerpts) {
        this.detector = detector;
        this.excerpts = List.copyOf(excerpts);
    }

    public ReportPage page() {
        ReportPage page = new ReportPage("Sleep spindles: " + detector);
        List<List<String>> rows = new ArrayList<>();
        for (Excerpt e : excerpts) {
            rows.add(row(e.name(), e.score()));
        }
        if (excerpts.size() > 1) {
            rows.add(row(
                    "pooled (sums)",
                    DetectionScore.pooled(excerpts.stream().map(Excerpt::score).toList())));
        }
        page.table(
                "spindle-scores",
                List.of("excerpt", "precision", "recall", "F1", "tp", "fp", "fn", "median delay (s)"),
                rows);
        page.figure(
                "prf",
                PlotImage.of(SpindlePlots.scores(excerpts), 520, 300),
                "Event-level precision, recall and F1 per excerpt against the reference scoring.");
        List<Double> delays = new ArrayList<>();
        for (Excerpt e : excerpts) {
            for (double d : e.score().delays()) {
                delays.add(d);
            }
        }
        if (delays.isEmpty()) {
            page.paragraph("No detection delays: offline detections have no fire time (or nothing matched).");
        } else {
            double[] d = delays.stream().mapToDouble(Double::doubleValue).toArray();
            double median = DetectionScore.pooled(
                            excerpts.stream().map(Excerpt::score).toList())
                    .medianDelay();
            page.figure(
                    "delay-histogram",
                    PlotImage.of(
                            Charts.histogram(
                                    "Detection delay",
                                    "fire time − reference onset (s)",
                                    d,
                                    20,
                                    new double[] {median},
                                    new String[] {"median " + fmt(median) + " s"}),
                            520,
                            300),
                    "Delay of each matched detection: the sample at which the online detector fired minus the onset the"
                            + " expert scored.");
        }
        for (Excerpt e : excerpts) {
            page.heading(e.name());
            page.figure(
                    "timeline-" + id(e.name()),
                    PlotImage.of(SpindlePlots.timeline(e), 960, 340),
                    "Hypnogram, scorings and our detections over the excerpt; the shaded band is the scored window "
                            + fmt(e.from()) + "–" + fmt(e.to()) + " s.");
            SpindlePlots.Example ex = SpindlePlots.example(e);
            if (ex == null) {
                page.paragraph("No detection matches a reference spindle in this excerpt: no example to show.");
            } else {
                page.figure("example-" + id(e.name()), PlotImage.of(ex.chart(), 960, 300), ex.caption());
            }
        }
        return page;
    }

    private static List<String> row(String name, DetectionScore s) {
        return List.of(
                name,
                fmt(s.precision()),
                fmt(s.recall()),
                fmt(s.f1()),
                Integer.toString(s.tp()),
                Integer.toString(s.fp()),
                Integer.toString(s.fn()),
                s.delays().length == 0 ? "—" : fmt(s.medianDelay()));
    }

    /** An element id from an excerpt name. */
    public static String id(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
