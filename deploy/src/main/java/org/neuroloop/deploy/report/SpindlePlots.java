package org.neuroloop.deploy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.neuroloop.classifiers.sleep.Interval;
import org.neuroloop.classifiers.sleep.Spindle;

/** The charts of {@link SpindleReport}. */
final class SpindlePlots {
    /** DREAMS hypnogram codes 0..5 (S4, S3, S2, S1, REM, wake), top to bottom as wake to S4. */
    private static final String[] STAGES = {"S4", "S3", "S2", "S1", "REM", "W"};

    private static final Paint[] ROW_PAINTS = {Charts.GREEN, Charts.PURPLE, Charts.GREY, Charts.BLUE};

    private SpindlePlots() {}

    static JFreeChart scores(List<SpindleReport.Excerpt> excerpts) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (SpindleReport.Excerpt e : excerpts) {
            d.addValue(e.score().precision(), "precision", e.name());
            d.addValue(e.score().recall(), "recall", e.name());
            d.addValue(e.score().f1(), "F1", e.name());
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Precision, recall, F1", "excerpt", "", d, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot p = chart.getCategoryPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xdddddd));
        p.getRangeAxis().setRange(0, 1.05);
        BarRenderer r = (BarRenderer) p.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, Charts.BLUE);
        r.setSeriesPaint(1, Charts.ORANGE);
        r.setSeriesPaint(2, Charts.GREEN);
        r.setMaximumBarWidth(0.12);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Hypnogram above, one row of intervals per scoring and one for our detections below, on one time axis. */
    static JFreeChart timeline(SpindleReport.Excerpt e) {
        double duration = e.x().length / e.fs();
        NumberAxis time = new NumberAxis("time (s)");
        time.setRange(0, duration);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(6);
        if (e.hypnogram() != null) {
            XYSeries stages = new XYSeries("stage");
            int[] st = e.hypnogram().stages();
            for (int i = 0; i < st.length; i++) {
                stages.add(i * e.hypnogram().epochSeconds(), st[i]);
            }
            stages.add(st.length * e.hypnogram().epochSeconds(), st[st.length - 1]);
            XYStepRenderer r = new XYStepRenderer();
            r.setSeriesPaint(0, Color.BLACK);
            r.setSeriesStroke(0, new BasicStroke(1.2f));
            SymbolAxis y = new SymbolAxis("stage", STAGES);
            y.setRange(-0.5, 5.5);
            XYPlot hyp = new XYPlot(new XYSeriesCollection(stages), null, y, r);
            styleRow(hyp, e);
            combined.add(hyp, 2);
        }
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        List<Paint> paints = new ArrayList<>();
        for (Map.Entry<String, List<Interval>> s : e.scorings().entrySet()) {
            rows.put(
                    s.getKey(),
                    s.getValue().stream()
                            .map(i -> new double[] {i.start(), i.end()})
                            .toList());
            paints.add(ROW_PAINTS[(paints.size()) % ROW_PAINTS.length]);
        }
        rows.put(
                "NeuroLoop",
                e.detections().stream()
                        .map(d -> new double[] {d.onset(), Math.max(d.onset(), d.offset())})
                        .toList());
        paints.add(Charts.ORANGE);
        // at least 2 s wide so each event stays visible on a 30-minute axis
        XYPlot events = EventRows.plot(rows, paints, 2);
        styleRow(events, e);
        combined.add(events, Math.max(2, rows.size()));
        JFreeChart chart = new JFreeChart(
                e.name() + ": hypnogram, scorings and detections",
                new Font("SansSerif", Font.BOLD, 13),
                combined,
                false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void styleRow(XYPlot p, SpindleReport.Excerpt e) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        p.addDomainMarker(new IntervalMarker(e.from(), e.to(), new Color(0, 0, 0, 12)));
    }

    /** A chart of one matched spindle and its caption. */
    record Example(JFreeChart chart, String caption) {}

    /**
     * The detection that best overlaps a reference spindle (highest IoU) in the scored window: ±3 s of signal, the
     * reference interval, our interval and the fire time. Null when nothing overlaps.
     */
    static Example example(SpindleReport.Excerpt e) {
        List<Interval> ref = e.scorings().values().iterator().next();
        Spindle best = null;
        Interval bestRef = null;
        double bestIou = 0;
        for (Spindle s : e.detections()) {
            if (s.onset() < e.from() || s.onset() >= e.to()) {
                continue;
            }
            for (Interval r : ref) {
                double iou = s.interval().iou(r);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = s;
                    bestRef = r;
                }
            }
        }
        if (best == null) {
            return null;
        }
        double t0 = Math.max(0, Math.min(best.onset(), bestRef.start()) - 3);
        double t1 = Math.min(e.x().length / e.fs(), Math.max(best.offset(), bestRef.end()) + 3);
        XYSeries sig = new XYSeries("EEG", false);
        for (int i = (int) Math.floor(t0 * e.fs()); i < Math.min(e.x().length, Math.ceil(t1 * e.fs())); i++) {
            sig.add(i / e.fs(), e.x()[i]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Example spindle at " + fmt(bestRef.start()) + " s",
                "time (s)",
                "µV",
                new XYSeriesCollection(sig),
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        XYPlot p = chart.getXYPlot();
        ((XYLineAndShapeRenderer) p.getRenderer()).setSeriesPaint(0, Color.BLACK);
        ((XYLineAndShapeRenderer) p.getRenderer()).setSeriesStroke(0, new BasicStroke(0.8f));
        p.getDomainAxis().setRange(t0, t1);
        IntervalMarker r = new IntervalMarker(bestRef.start(), bestRef.end(), new Color(44, 160, 44, 60));
        r.setLabel("expert");
        p.addDomainMarker(r);
        IntervalMarker d = new IntervalMarker(best.onset(), best.offset(), new Color(255, 127, 14, 60));
        d.setLabel("detected");
        d.setLabelOffset(new RectangleInsets(16, 2, 2, 2));
        p.addDomainMarker(d);
        if (Double.isFinite(best.firedAt())) {
            p.addDomainMarker(Charts.marker(best.firedAt(), "fired", Charts.RED));
        }
        String caption = "Reference spindle " + fmt(bestRef.start()) + "–" + fmt(bestRef.end())
                + " s (green), our detection " + fmt(best.onset()) + "–" + fmt(best.offset()) + " s (orange, IoU "
                + fmt(bestIou) + ")"
                + (Double.isFinite(best.firedAt()) ? ", fired at " + fmt(best.firedAt()) + " s (red)" : "") + ".";
        return new Example(Charts.styled(chart), caption);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
