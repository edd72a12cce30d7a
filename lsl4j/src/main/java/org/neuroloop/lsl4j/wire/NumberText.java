package org.neuroloop.lsl4j.wire;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;

/**
 * Doubles printed the way liblsl prints them: {@code boost::lexical_cast<std::string>(double)} in the stream info
 * XML (17 significant digits, e.g. {@code 1.1000000000000001}) and {@code ostream << setprecision(16)} in the
 * {@code LSL:timedata} reply (e.g. {@code 540.96741979}): shortest plain decimal of the value rounded to that many
 * significant digits, trailing zeros dropped. Peers parse either form, so only readability depends on it.
 */
public final class NumberText {
    /** Digits liblsl's XML writer uses (boost::lexical_cast). */
    public static final int XML_DIGITS = 17;
    /** Digits liblsl's time-data reply uses. */
    static final int TIMEDATA_DIGITS = 16;

    private NumberText() {}

    /**
     * Seconds with nine decimals (nanoseconds), built from longs: cheap and steady even before the JIT has compiled
     * anything, so a clock reading can be formatted between stamping it and sending it without skewing the clock
     * offset a peer derives from it.
     */
    public static String nanos(double seconds) {
        long n = Math.round(seconds * 1e9);
        long whole = n / 1_000_000_000L;
        String frac = Long.toString(Math.abs(n % 1_000_000_000L));
        return (n < 0 && whole == 0 ? "-" : "") + whole + "." + "000000000".substring(frac.length()) + frac;
    }

    /** Writes {@link #nanos(double)} as ASCII into {@code out} without allocating. */
    public static void putNanos(ByteBuffer out, double seconds) {
        long n = Math.round(seconds * 1e9);
        if (n < 0) {
            out.put((byte) '-');
            n = -n;
        }
        putDigits(out, n / 1_000_000_000L, 1);
        out.put((byte) '.');
        putDigits(out, n % 1_000_000_000L, 9);
    }

    private static void putDigits(ByteBuffer out, long v, int minDigits) {
        int digits = 1;
        for (long p = 10; p <= v && digits < 19; p *= 10) {
            digits++;
        }
        digits = Math.max(digits, minDigits);
        int at = out.position();
        for (int i = digits - 1; i >= 0; i--) {
            out.put(at + i, (byte) ('0' + v % 10));
            v /= 10;
        }
        out.position(at + digits);
    }

    /** {@code value} rounded to {@code significantDigits}, plain notation, no trailing zeros ("0" for zero). */
    public static String of(double value, int significantDigits) {
        if (value == 0.0) {
            return "0";
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal d =
                new BigDecimal(value).round(new MathContext(significantDigits)).stripTrailingZeros();
        return d.toPlainString();
    }
}
