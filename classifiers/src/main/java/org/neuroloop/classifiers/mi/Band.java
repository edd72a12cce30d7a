package org.neuroloop.classifiers.mi;

import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.IirFilter;

/** Pass band {@code [low, high]} Hz of the causal order-4 Butterworth band-pass applied before epoching. */
public record Band(double low, double high) {

    /** Butterworth order as passed to scipy's {@code butter(N, ...)} (a band-pass has 2N poles). */
    public static final int ORDER = 4;

    public Band {
        if (!(low > 0) || !(high > low)) {
            throw new IllegalArgumentException("band: need 0 < low < high Hz, got " + low + ":" + high);
        }
    }

    /** Parses {@code 8:30}. */
    public static Band parse(String spec) {
        String[] p = spec.split(":");
        if (p.length != 2) {
            throw new IllegalArgumentException("--band: '" + spec + "' is not LOW:HIGH in Hz (e.g. 8:30)");
        }
        try {
            return new Band(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--band: '" + spec + "' is not LOW:HIGH in Hz (e.g. 8:30)");
        }
    }

    /**
     * The band-pass design for sampling rate fs (scipy {@code butter(4, [low, high], 'bandpass', fs=fs,
     * output='sos')}).
     */
    public IirFilter design(double fs) {
        if (high >= fs / 2) {
            throw new IllegalArgumentException(
                    "band " + spec() + " Hz: upper edge must be below Nyquist " + fs / 2 + " Hz");
        }
        return Butterworth.bandpass(ORDER, low, high, fs);
    }

    public String spec() {
        return low + ":" + high;
    }
}
