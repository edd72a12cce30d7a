package org.neuroloop.deploy.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;
import java.util.Map;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Events as bars on labelled rows over a time axis (scorings, detections, stimulations): the timelines of the
 * spindle and stimulation reports. The domain axis is left to the caller (a combined plot shares one).
 */
final class EventRows {
    private EventRows() {}

    /**
     * @param rows row label → events as {start, end} seconds, bottom row first
     * @param paints one paint per row
     * @param minWidth events narrower than this are drawn this wide, so each stays visible on a long axis
     */
    static XYPlot plot(Map<String, List<double[]>> rows, List<Paint> paints, double minWidth) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        int row = 0;
        for (Map.Entry<String, List<double[]>> e : rows.entrySet()) {
            XYIntervalSeries s = new XYIntervalSeries(e.getKey());
            for (double[] ev : e.getValue()) {
                double mid = (ev[0] + ev[1]) / 2;
                double half = Math.max(minWidth, ev[1] - ev[0]) / 2;
                s.add(mid, mid - half, mid + half, row, row - 0.35, row + 0.35);
            }
            data.addSeries(s);
            row++;
        }
        XYBarRenderer r = new XYBarRenderer();
        r.setUseYInterval(true);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < paints.size(); i++) {
            r.setSeriesPaint(i, paints.get(i));
        }
        SymbolAxis y = new SymbolAxis("", rows.keySet().toArray(String[]::new));
        y.setRange(-0.6, rows.size() - 0.4);
        XYPlot p = new XYPlot(data, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        return p;
    }
}
