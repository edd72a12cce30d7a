package org.neuroloop.deploy.dashboard;

/**
 * Fixed-point decimal text for JSON, the same in every locale and without {@link java.util.Formatter}'s garbage: the
 * trace feed writes a few thousand numbers a second. Not finite values become {@code null} (JSON has no NaN).
 */
final class Decimals {
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    /** Above this magnitude the scaled value could leave a long's exact range. */
    private static final double LIMIT = 1e12;

    private Decimals() {}

    /** Appends {@code v} rounded half-up to {@code decimals} (0..6) digits after the point. */
    static void append(StringBuilder b, double v, int decimals) {
        if (!Double.isFinite(v)) {
            b.append("null");
            return;
        }
        if (Math.abs(v) >= LIMIT) {
            b.append(v);
            return;
        }
        long scale = POW10[decimals];
        long r = Math.round(Math.abs(v) * scale);
        if (v < 0 && r != 0) {
            b.append('-');
        }
        b.append(r / scale);
        if (decimals == 0) {
            return;
        }
        b.append('.');
        long frac = r % scale;
        for (long p = scale / 10; p > 1 && frac < p; p /= 10) {
            b.append('0');
        }
        b.append(frac);
    }
}
