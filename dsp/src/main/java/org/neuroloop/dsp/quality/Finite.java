package org.neuroloop.dsp.quality;

/**
 * Finiteness of whole arrays, checked once per chunk or state on the hot path: a branch-free pass (one OR per value,
 * no early exit) costs less than a test and a branch per value when, as almost always, every value is finite.
 */
public final class Finite {
    /** Exponent field of a double, and one in its lowest bit. */
    private static final long EXPONENT = 0x7ff0000000000000L;

    private static final long EXPONENT_ONE = 1L << 52;

    private Finite() {}

    /**
     * Whether no value is NaN or infinite: the exponent field of a value is all ones exactly when it is NaN or
     * infinite, and adding one to that field then carries into the sign bit. Not modified.
     */
    public static boolean all(double[] v) {
        return all(v, 0, v.length);
    }

    /** As {@link #all(double[])} for {@code v[from .. to)}. */
    public static boolean all(double[] v, int from, int to) {
        long any = 0;
        for (int i = from; i < to; i++) {
            any |= (Double.doubleToRawLongBits(v[i]) & EXPONENT) + EXPONENT_ONE;
        }
        return any >= 0;
    }
}
