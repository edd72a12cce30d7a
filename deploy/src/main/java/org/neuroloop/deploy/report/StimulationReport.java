package org.neuroloop.deploy.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.neuroloop.closedloop.latency.LatencyStats;

/**
 * The report of {@code replay} and {@code bench latency}: a stimulation timeline (rows of detected events and
 * stimulation commands, per session) and a latency histogram with p50 and p99.
 */
public final class StimulationReport {
    private final String title;
    private final String description;
    private final Map<String, List<double[]>> rows = new LinkedHashMap<>();
    private final List<Paint> paints = new ArrayList<>();
    private String timeLabel = "time (s)";
    private double[] latencyMs = new double[0];
    private String latencyDefinition = "";

    public StimulationReport(String title, String description) {
        this.title = title;
        this.description = description;
    }

    /** A timeline row of instantaneous events (seconds), drawn bottom-up in the order added. */
    public StimulationReport row(String label, double[] times, boolean stimulation) {
        rows.put(label, Arrays.stream(times).mapToObj(t -> new double[] {t, t}).toList());
        paints.add(stimulation ? Charts.RED : Charts.ORANGE);
        return this;
    }

    public StimulationReport timeAxis(String label) {
        this.timeLabel = label;
        return this;
    }

    /** The latencies to histogram, ms, and what they measure. */
    public StimulationReport latencies(double[] ms, String definition) {
        this.latencyMs = ms.clone();
        this.latencyDefinition = definition;
        return this;
    }

    public ReportPage page() {
        ReportPage page = new ReportPage(title);
        page.paragraph(description);
        List<List<String>> table = new ArrayList<>();
        rows.forEach((k, v) -> table.add(List.of(k, Integer.toString(v.size()))));
        page.table("stimulation-counts", List.of("row", "count"), table);
        page.figure(
                "stimulation-timeline",
                PlotImage.of(timeline(), 960, Math.max(200, 90 + 40 * rows.size())),
                "Every detected event (orange) and stimulation (red) over time; each is drawn at least 0.2 % of"
                        + " the axis wide.");
        if (latencyMs.length == 0) {
            page.paragraph("No latencies to show (no stimulation).");
        } else {
            LatencyStats stats = LatencyStats.ofSeconds(
                    Arrays.stream(latencyMs).map(ms -> ms / 1000).toArray());
            double p50 = stats.p50Ms();
            double p99 = stats.p99Ms();
            page.figure(
                    "latency-histogram",
                    PlotImage.of(
                            Charts.histogram("Latency", "ms", latencyMs, 30, new double[] {p50, p99}, new String[] {
                                "p50 " + fmt(p50), "p99 " + fmt(p99)
                            }),
                            720,
                            320),
                    latencyDefinition + " (" + latencyMs.length + " values; p50 " + fmt(p50) + " ms, p99 " + fmt(p99)
                            + " ms).");
        }
        return page;
    }

    private JFreeChart timeline() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<double[]> r : rows.values()) {
            for (double[] e : r) {
                lo = Math.min(lo, e[0]);
                hi = Math.max(hi, e[1]);
            }
        }
        if (!(hi > lo)) {
            lo = Double.isFinite(lo) ? lo - 1 : 0;
            hi = lo + 2;
        }
        XYPlot p = EventRows.plot(rows, paints, (hi - lo) * 0.002);
        NumberAxis x = new NumberAxis(timeLabel);
        x.setAutoRangeIncludesZero(false);
        x.setRange(lo - (hi - lo) * 0.01, hi + (hi - lo) * 0.01);
        p.setDomainAxis(x);
        JFreeChart chart = new JFreeChart("Stimulation timeline", new Font("SansSerif", Font.BOLD, 13), p, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
