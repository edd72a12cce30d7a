package org.neuroloop.deploy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PolarPlot;
import org.jfree.chart.renderer.DefaultPolarItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.neuroloop.classifiers.sleep.PhaseErrorStats;

/**
 * The report of {@code evaluate so-phase}: a polar histogram (rose) of the offline slow-oscillation phase at each
 * stimulus, with the target phase, and the error statistics. Phase 0° is the up-state peak, ±180° the trough.
 */
public final class SoPhaseReport {
    private static final int BINS = 18;
    private final String name;
    private final double[] phasesRad;
    private final double targetRad;
    private final PhaseErrorStats stats;

    /**
     * @param name signal (file) name
     * @param phasesRad offline phase at each counted stimulus, radians
     * @param targetRad the targeted phase, radians
     * @param stats circular statistics of the errors
     */
    public SoPhaseReport(String name, double[] phasesRad, double targetRad, PhaseErrorStats stats) {
        this.name = name;
        this.phasesRad = phasesRad.clone();
        this.targetRad = targetRad;
        this.stats = stats;
    }

    public ReportPage page() {
        ReportPage page = new ReportPage("Slow-oscillation phase targeting: " + name);
        page.table(
                "so-phase-stats",
                List.of("figure", "value"),
                List.of(
                        List.of("stimuli counted", Integer.toString(stats.n())),
                        List.of("target phase (deg)", fmt(Math.toDegrees(targetRad))),
                        List.of("mean error (deg)", stats.n() == 0 ? "—" : fmt(stats.meanDeg())),
                        List.of("circular SD of the error (deg)", stats.n() == 0 ? "—" : fmt(stats.sdDeg())),
                        List.of("within ±45°", stats.n() == 0 ? "—" : fmt(100 * stats.within45()) + " %")));
        page.figure(
                "phase-polar",
                PlotImage.of(rose(), 460, 460),
                "Offline phase (zero-phase band-pass + Hilbert) at"
                        + " each stimulus, " + BINS + " bins of " + 360 / BINS + "°; 0° up-state peak, 180° trough;"
                        + " red: target.");
        return page;
    }

    /** One filled wedge per bin, its radius the count, and a line at the target. */
    private JFreeChart rose() {
        int[] counts = new int[BINS];
        double width = 360.0 / BINS;
        for (double p : phasesRad) {
            double deg = ((Math.toDegrees(p) % 360) + 360) % 360;
            counts[Math.min(BINS - 1, (int) (deg / width))]++;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        XYSeriesCollection d = new XYSeriesCollection();
        DefaultPolarItemRenderer r = new DefaultPolarItemRenderer();
        r.setShapesVisible(false);
        for (int b = 0; b < BINS; b++) {
            XYSeries s = new XYSeries("bin " + b, false);
            s.add(b * width, 0);
            for (int k = 0; k <= 6; k++) {
                s.add(b * width + k * width / 6, counts[b]);
            }
            d.addSeries(s);
            r.setSeriesFilled(b, true);
            r.setSeriesPaint(b, Charts.BLUE);
            r.setSeriesOutlinePaint(b, Color.WHITE);
        }
        XYSeries target = new XYSeries("target", false);
        target.add(Math.toDegrees(targetRad), 0);
        target.add(Math.toDegrees(targetRad), max * 1.05);
        d.addSeries(target);
        r.setSeriesPaint(BINS, Charts.RED);
        r.setSeriesStroke(BINS, new BasicStroke(2.5f));
        NumberAxis radius = new NumberAxis("count");
        radius.setRange(0, max * 1.1);
        radius.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        PolarPlot plot = new PolarPlot(d, radius, r);
        plot.setCounterClockwise(true);
        plot.setAngleOffset(0);
        plot.setAngleTickUnit(new NumberTickUnit(45));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setAngleGridlinePaint(new Color(0xbbbbbb));
        plot.setRadiusGridlinePaint(new Color(0xbbbbbb));
        JFreeChart chart = new JFreeChart("Phase at stimulation", new Font("SansSerif", Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
