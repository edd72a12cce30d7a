package org.neuroloop.deploy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.neuroloop.classifiers.mi.RocAuc;

/** The charts of {@link MiReport}: per-fold bars, the confusion matrix and the ROC curve. */
final class MiPlots {
    private MiPlots() {}

    /** Accuracy and AUC per fold ({@code folds[i] = {accuracy, auc}}), with the chance level. */
    static JFreeChart foldAccuracy(List<double[]> folds) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (int i = 0; i < folds.size(); i++) {
            String fold = Integer.toString(i + 1);
            d.addValue(folds.get(i)[0], "accuracy", fold);
            d.addValue(folds.get(i)[1], "AUC", fold);
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Per-fold accuracy", "fold", "score", d, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot p = chart.getCategoryPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xdddddd));
        p.getRangeAxis().setRange(0, 1.05);
        p.addRangeMarker(new ValueMarker(0.5, Charts.GREY, new BasicStroke(1.2f, 0, 0, 1f, new float[] {5f, 3f}, 0f)));
        BarRenderer r = (BarRenderer) p.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, Charts.BLUE);
        r.setSeriesPaint(1, Charts.ORANGE);
        r.setItemMargin(0.0);
        CategoryAxis x = p.getDomainAxis();
        x.setTickLabelFont(new Font("SansSerif", Font.PLAIN, folds.size() > 25 ? 7 : 10));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Counts of true (rows) × predicted (columns) class, P(class 1) > 0.5 predicting class 1. */
    static JFreeChart confusion(int[] labels, double[] scores, List<String> classes) {
        int[][] m = new int[2][2];
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][scores[i] > 0.5 ? 1 : 0]++;
        }
        double[][] xyz = new double[3][4];
        double[] counts = new double[4];
        for (int t = 0; t < 2; t++) {
            for (int p = 0; p < 2; p++) {
                int k = t * 2 + p;
                xyz[0][k] = p;
                xyz[1][k] = 1 - t;
                xyz[2][k] = m[t][p];
                counts[k] = m[t][p];
            }
        }
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries("counts", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        ColorScale scale = ColorScale.sequential(
                new double[] {0, Arrays.stream(counts).max().orElse(1)});
        r.setPaintScale(scale);
        String[] names = classes.toArray(String[]::new);
        String[] reversed = {names[1], names[0]};
        SymbolAxis x = new SymbolAxis("predicted", names);
        SymbolAxis y = new SymbolAxis("true", reversed);
        XYPlot plot = new XYPlot(d, x, y, r);
        for (int k = 0; k < 4; k++) {
            XYTextAnnotation a = new XYTextAnnotation(Integer.toString((int) counts[k]), xyz[0][k], xyz[1][k]);
            a.setFont(new Font("SansSerif", Font.BOLD, 18));
            a.setPaint(counts[k] > scale.getUpperBound() * 0.6 ? Color.BLACK : Color.WHITE);
            plot.addAnnotation(a);
        }
        JFreeChart chart = new JFreeChart("Confusion matrix", new Font("SansSerif", Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** ROC of the scores (P(class 1)) against the labels, with the chance diagonal. */
    static JFreeChart roc(int[] labels, double[] scores, String positive) {
        Integer[] order = new Integer[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        int pos = 0;
        for (int l : labels) {
            pos += l;
        }
        int neg = labels.length - pos;
        XYSeries curve = new XYSeries("ROC", false);
        curve.add(0, 0);
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (labels[i] == 1) {
                tp++;
            } else {
                fp++;
            }
            // one point per distinct score, so ties draw a diagonal step as the AUC counts them
            if (k == order.length - 1 || scores[order[k + 1]] != scores[i]) {
                curve.add(neg == 0 ? 0 : (double) fp / neg, pos == 0 ? 0 : (double) tp / pos);
            }
        }
        XYSeries chance = new XYSeries("chance");
        chance.add(0, 0);
        chance.add(1, 1);
        XYSeriesCollection d = new XYSeriesCollection();
        d.addSeries(curve);
        d.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format(Locale.ROOT, "ROC (AUC %.3f)", RocAuc.of(labels, scores)),
                "false positive rate",
                "true positive rate (" + positive + ")",
                d,
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setSeriesPaint(0, Charts.BLUE);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesPaint(1, Charts.GREY);
        chart.getXYPlot().getDomainAxis().setRange(0, 1);
        chart.getXYPlot().getRangeAxis().setRange(0, 1.02);
        return Charts.styled(chart);
    }
}
