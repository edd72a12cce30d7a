package org.neuroloop.ingest.replay;

import java.io.Serializable;
import java.util.Locale;

/**
 * How fast a recording is replayed: {@code factor} seconds of recording per second of wall clock; 1 is real
 * time, {@link Double#POSITIVE_INFINITY} is as fast as possible.
 */
public record ReplaySpeed(double factor) implements Serializable {
    public static final ReplaySpeed REALTIME = new ReplaySpeed(1);
    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

    public ReplaySpeed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("replay speed factor must be > 0, got " + factor);
        }
    }

    /** Parses {@code realtime}, {@code max} or a positive factor such as {@code 2.5}. */
    public static ReplaySpeed parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("realtime") || t.equals("real-time")) {
            return REALTIME;
        }
        if (t.equals("max") || t.equals("fast")) {
            return MAX;
        }
        try {
            return new ReplaySpeed(Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--speed must be realtime, max or a factor > 0 such as 2, got '" + s + "'");
        }
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    @Override
    public String toString() {
        return isMax() ? "max" : factor == 1 ? "realtime" : Double.toString(factor);
    }
}
