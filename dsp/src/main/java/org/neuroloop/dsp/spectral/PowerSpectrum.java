package org.neuroloop.dsp.spectral;

/**
 * A one-sided power spectral density: {@code density[k]} in (unit^2 / Hz) at {@code frequencies[k]} Hz.
 *
 * @param frequencies bin centre frequencies, ascending, equally spaced from 0
 * @param density PSD per bin (arrays are not copied)
 */
public record PowerSpectrum(double[] frequencies, double[] density) {
    public PowerSpectrum {
        if (frequencies.length != density.length) {
            throw new IllegalArgumentException(
                    "PSD has " + frequencies.length + " frequencies and " + density.length + " values");
        }
    }

    /** Frequency resolution (bin spacing) in Hz. */
    public double resolution() {
        return frequencies.length > 1 ? frequencies[1] - frequencies[0] : Double.NaN;
    }

    /** Absolute power in {@code [lowHz, highHz]}, see {@link BandPower#absolute}. */
    public double bandPower(double lowHz, double highHz) {
        return BandPower.absolute(this, lowHz, highHz);
    }
}
