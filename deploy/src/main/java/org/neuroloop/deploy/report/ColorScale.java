package org.neuroloop.deploy.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * A linear colour scale between colour stops for JFreeChart's block renderer: diverging blue–white–red for signed
 * maps (centred on 0), or sequential for positive ones. NaN (outside the head) is white.
 */
public final class ColorScale implements PaintScale {
    private static final Color[] DIVERGING = {
        new Color(0x2166ac), new Color(0x92c5de), Color.WHITE, new Color(0xf4a582), new Color(0xb2182b)
    };
    private static final Color[] SEQUENTIAL = {
        new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)
    };
    private final double lower;
    private final double upper;
    private final Color[] stops;

    private ColorScale(double lower, double upper, Color[] stops) {
        this.lower = lower;
        this.upper = upper > lower ? upper : lower + 1e-12;
        this.stops = stops;
    }

    /** Symmetric around 0, reaching ±max|v|. */
    public static ColorScale diverging(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return new ColorScale(-m, m, DIVERGING);
    }

    /** From the smallest to the largest value. */
    public static ColorScale sequential(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new ColorScale(lo, hi, SEQUENTIAL);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return Color.WHITE;
        }
        double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) t);
        double f = t - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return new Color(
                mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
