package org.neuroloop.deploy.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * A rendered plot: PNG bytes and the size the page shows it at. Charts are drawn at twice that size so they stay
 * sharp on high-density screens and when zoomed.
 */
public record PlotImage(byte[] png, int width, int height) {
    private static final int SCALE = 2;

    /**
     * An XY chart whose two axes have the same scale (a head drawn round): the domain range is widened or narrowed
     * around its centre to the data area's aspect, measured by a first layout pass.
     */
    public static PlotImage ofEqualAspect(JFreeChart chart, int width, int height) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.createBufferedImage(width, height, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();
        Range y = plot.getRangeAxis().getRange();
        double half = y.getLength() * area.getWidth() / area.getHeight() / 2;
        double cx = plot.getDomainAxis().getRange().getCentralValue();
        plot.getDomainAxis().setRange(cx - half, cx + half);
        return of(chart, width, height);
    }

    public static PlotImage of(JFreeChart chart, int width, int height) {
        BufferedImage img = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(SCALE, SCALE);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        g.dispose();
        try {
            return new PlotImage(ChartUtils.encodeAsPNG(img), width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of a report plot failed", e);
        }
    }
}
