package org.neuroloop.ingest.recording;

import java.util.Locale;

/**
 * One signal's header fields in an EDF/EDF+/BDF/BDF+ file.
 *
 * <p>Calibration (EDF spec): {@code physical = (digital - digitalMin) * gain + physicalMin} with
 * {@code gain = (physicalMax - physicalMin) / (digitalMax - digitalMin)}.
 */
public record EdfSignalHeader(
        String label,
        String transducer,
        String physicalDimension,
        double physicalMin,
        double physicalMax,
        double digitalMin,
        double digitalMax,
        String prefiltering,
        int samplesPerRecord) {

    /** Physical units per digital step. */
    public double gain() {
        return (physicalMax - physicalMin) / (digitalMax - digitalMin);
    }

    /** {@code physical = digital * gain() + offset()}. */
    public double offset() {
        return physicalMin - digitalMin * gain();
    }

    /** An EDF+/BDF+ annotation signal ({@code EDF Annotations} / {@code BDF Annotations}). */
    public boolean isAnnotation() {
        String l = label.trim();
        return l.equals("EDF Annotations") || l.equals("BDF Annotations");
    }

    /** A BioSemi trigger/status channel ({@code Status}), read as raw digital values. */
    public boolean isBioSemiStatus() {
        return label.trim().toLowerCase(Locale.ROOT).equals("status");
    }
}
