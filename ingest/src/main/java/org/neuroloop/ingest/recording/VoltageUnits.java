package org.neuroloop.ingest.recording;

import java.util.Locale;

/**
 * Converts voltage units to microvolts, the unit every EEG stream of a {@link Recording} uses.
 * Upper-case spellings such as DREAMS' {@code UV}/{@code MV} are read as µV/mV, as EDF viewers do.
 */
final class VoltageUnits {
    static final String MICROVOLT = "uV";

    private VoltageUnits() {}

    /** Factor that converts a value in {@code unit} to µV, or NaN if {@code unit} is not a voltage. */
    static double toMicrovolt(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        String u = unit.trim().replace('\u00b5', 'u').replace('\u03bc', 'u').toLowerCase(Locale.ROOT);
        return switch (u) {
            case "uv", "microvolt", "microvolts" -> 1.0;
            case "mv", "millivolt", "millivolts" -> 1e3;
            case "v", "volt", "volts" -> 1e6;
            case "nv", "nanovolt", "nanovolts" -> 1e-3;
            case "kv" -> 1e9;
            default -> Double.NaN;
        };
    }

    /** The unit a value ends up in after {@link #toMicrovolt}: {@code uV} for voltages, the unit itself otherwise. */
    static String normalised(String unit) {
        return Double.isNaN(toMicrovolt(unit)) ? (unit == null ? "" : unit.trim()) : MICROVOLT;
    }
}
