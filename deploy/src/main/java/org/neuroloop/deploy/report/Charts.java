package org.neuroloop.deploy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;

/** The reports' common chart look (white, light grid) and the histogram every report kind draws. */
public final class Charts {
    public static final Color BLUE = new Color(0x1f77b4);
    public static final Color ORANGE = new Color(0xff7f0e);
    public static final Color GREEN = new Color(0x2ca02c);
    public static final Color RED = new Color(0xd62728);
    public static final Color GREY = new Color(0x7f7f7f);
    public static final Color PURPLE = new Color(0x9467bd);

    private Charts() {}

    /** White background, light grey grid, no shadow: the same look in every report. */
    public static JFreeChart styled(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xdddddd));
            p.setRangeGridlinePaint(new Color(0xdddddd));
        }
        return chart;
    }

    /**
     * A histogram of {@code values} in {@code bins} equal bins, with vertical lines at the given marks
     * ({@code labels[i]} at {@code marks[i]}).
     */
    public static JFreeChart histogram(
            String title, String xLabel, double[] values, int bins, double[] marks, String[] labels) {
        HistogramDataset data = new HistogramDataset();
        if (values.length > 0) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (hi <= lo) {
                hi = lo + 1e-9 + Math.abs(lo) * 1e-6;
            }
            data.addSeries("count", values, bins, lo, hi);
        }
        JFreeChart chart = ChartFactory.createHistogram(
                title, xLabel, "count", data, PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer r = (XYBarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, BLUE);
        r.setDrawBarOutline(true);
        r.setSeriesOutlinePaint(0, Color.WHITE);
        for (int i = 0; i < marks.length; i++) {
            ValueMarker m = marker(marks[i], labels[i], i % 2 == 0 ? RED : ORANGE);
            if (i % 2 == 1) {
                // the second mark (p99) sits near the right edge: its label goes to the left of the line, lower
                m.setLabelAnchor(RectangleAnchor.LEFT);
                m.setLabelTextAnchor(TextAnchor.CENTER_RIGHT);
            }
            plot.addDomainMarker(m);
        }
        return styled(chart);
    }

    /** A dashed vertical line with a label at its top. */
    public static ValueMarker marker(double x, String label, Paint paint) {
        ValueMarker m = new ValueMarker(
                x,
                paint,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 3f}, 0f));
        m.setLabel(label);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }
}
