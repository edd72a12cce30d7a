package org.neuroloop.dsp.filter;

import java.util.Locale;

/** Frequency response type of an IIR filter, in scipy's {@code btype} words. */
public enum FilterKind {
    LOWPASS,
    HIGHPASS,
    BANDPASS,
    BANDSTOP,
    NOTCH;

    /** Parses scipy-style names: lowpass/low, highpass/high, bandpass/band/pass, bandstop/stop, notch. */
    public static FilterKind parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "lowpass":
            case "low":
            case "lp":
                return LOWPASS;
            case "highpass":
            case "high":
            case "hp":
                return HIGHPASS;
            case "bandpass":
            case "band":
            case "pass":
            case "bp":
                return BANDPASS;
            case "bandstop":
            case "stop":
            case "bs":
                return BANDSTOP;
            case "notch":
                return NOTCH;
            default:
                throw new IllegalArgumentException(
                        "filter kind: expected lowpass, highpass, bandpass, bandstop or notch, got '" + name + "'");
        }
    }
}
