package org.neuroloop.deploy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A scalp map of one value per channel on the 10-10 montage: values interpolated with a {@link SphericalSpline}
 * onto a grid over the flattened head, drawn by JFreeChart's block renderer, with the head outline (circle, nose,
 * ears) and the electrodes as annotations. Channels without a 10-10 position are left out.
 *
 * <p>Written here because no maintained Java plotting library draws EEG topographies; the interpolation follows MNE.
 */
public final class Topography {
    private static final int GRID = 90;
    private static final BasicStroke THICK = new BasicStroke(2f);
    private static final BasicStroke THIN = new BasicStroke(0.5f);

    private Topography() {}

    /** The channels of {@code labels} that have a 10-10 position. */
    public static int placed(List<String> labels) {
        int n = 0;
        for (String l : labels) {
            n += Montage.standard1010().unitVector(l) == null ? 0 : 1;
        }
        return n;
    }

    /**
     * @param labels channel labels (EEGMMIDB's dotted ones too)
     * @param values one value per label
     * @param diverging a signed map centred on 0 (else sequential)
     */
    public static JFreeChart chart(String title, String unit, List<String> labels, double[] values, boolean diverging) {
        List<double[]> units = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            double[] u = Montage.standard1010().unitVector(labels.get(i));
            if (u != null && Double.isFinite(values[i])) {
                units.add(u);
                vals.add(values[i]);
            }
        }
        double[] v = vals.stream().mapToDouble(Double::doubleValue).toArray();
        SphericalSpline spline = new SphericalSpline(units.toArray(double[][]::new), v);
        double radius = 1;
        for (double[] u : units) {
            double[] p = Montage.project(u);
            radius = Math.max(radius, Math.hypot(p[0], p[1]));
        }
        int n = GRID * GRID;
        double[][] xyz = new double[3][n];
        double step = 2 * radius / (GRID - 1);
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                int k = i * GRID + j;
                double x = -radius + i * step;
                double y = -radius + j * step;
                xyz[0][k] = x;
                xyz[1][k] = y;
                xyz[2][k] = Math.hypot(x, y) <= radius ? spline.at(Montage.unproject(x, y)) : Double.NaN;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(title, xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(step);
        r.setBlockHeight(step);
        ColorScale scale = diverging ? ColorScale.diverging(v) : ColorScale.sequential(v);
        r.setPaintScale(scale);
        double lim = radius + 0.2;
        NumberAxis xAxis = hiddenAxis(lim);
        NumberAxis yAxis = hiddenAxis(lim);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        addHead(plot);
        for (double[] u : units) {
            double[] p = Montage.project(u);
            plot.addAnnotation(new XYShapeAnnotation(
                    new Ellipse2D.Double(p[0] - 0.025, p[1] - 0.025, 0.05, 0.05), THIN, Color.BLACK, Color.BLACK));
        }
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 13), plot, false);
        NumberAxis legendAxis = new NumberAxis(unit);
        legendAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setStripWidth(10);
        legend.setMargin(4, 30, 4, 30);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static NumberAxis hiddenAxis(double lim) {
        NumberAxis a = new NumberAxis();
        a.setRange(-lim, lim);
        a.setVisible(false);
        return a;
    }

    /** Head circle (the Fpz–T7–Oz–T8 line), nose and ears, in the map's coordinates. */
    private static void addHead(XYPlot plot) {
        plot.addAnnotation(new XYShapeAnnotation(new Ellipse2D.Double(-1, -1, 2, 2), THICK, Color.BLACK));
        Path2D nose = new Path2D.Double();
        nose.moveTo(-0.09, 0.995);
        nose.lineTo(0, 1.12);
        nose.lineTo(0.09, 0.995);
        plot.addAnnotation(new XYShapeAnnotation(nose, THICK, Color.BLACK));
        plot.addAnnotation(new XYShapeAnnotation(new Ellipse2D.Double(-1.07, -0.16, 0.07, 0.32), THICK, Color.BLACK));
        plot.addAnnotation(new XYShapeAnnotation(new Ellipse2D.Double(1.0, -0.16, 0.07, 0.32), THICK, Color.BLACK));
    }
}
