package org.neuroloop.classifiers.sleep;

/**
 * Circular statistics of phase errors: mean direction {@code arg(mean(e^{iε}))} and circular standard deviation
 * {@code sqrt(-2 ln R)} with {@code R = |mean(e^{iε})|} (Fisher 1993, Statistical Analysis of Circular Data, §2.3),
 * both in degrees, and the fraction of errors within ±45°.
 *
 * @param n number of errors
 * @param meanDeg circular mean error, degrees in (-180, 180]
 * @param sdDeg circular standard deviation, degrees
 * @param within45 fraction with |error| ≤ 45°
 */
public record PhaseErrorStats(int n, double meanDeg, double sdDeg, double within45) {

    /** @param errors phase errors in radians */
    public static PhaseErrorStats of(double[] errors) {
        if (errors.length == 0) {
            return new PhaseErrorStats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double c = 0, s = 0;
        int within = 0;
        for (double e : errors) {
            c += Math.cos(e);
            s += Math.sin(e);
            if (Math.abs(SlowOscillationTargeter.wrap(e)) <= Math.PI / 4) {
                within++;
            }
        }
        c /= errors.length;
        s /= errors.length;
        double r = Math.min(1, Math.hypot(c, s));
        return new PhaseErrorStats(
                errors.length,
                Math.toDegrees(Math.atan2(s, c)),
                Math.toDegrees(Math.sqrt(-2 * Math.log(r))),
                (double) within / errors.length);
    }
}
