package org.neuroloop.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Laws of the transforms: Parseval, Welch power = variance, band power of a sinusoid, Hilbert envelope. */
class SpectralPropertiesTest {

    /** sum x^2 = (1/n) sum_k |X_k|^2 over the full two-sided spectrum, rebuilt from the one-sided bins. */
    @Property(tries = 50)
    void parsevalHoldsForAnyLength(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        double energy = 0;
        for (int t = 0; t < n; t++) {
            x[t] = rnd.nextGaussian();
            energy += x[t] * x[t];
        }
        ComplexSpectrum X = RealFft.rfft(x);
        assertEquals(n / 2 + 1, X.bins());
        double spectral = 0;
        for (int k = 0; k < X.bins(); k++) {
            double p = X.re()[k] * X.re()[k] + X.im()[k] * X.im()[k];
            boolean unpaired = k == 0 || (n % 2 == 0 && k == n / 2);
            spectral += unpaired ? p : 2 * p;
        }
        assertEquals(energy, spectral / n, 1e-9 * Math.max(1, energy));
    }

    /** The integral of a white-noise Welch PSD over 0..fs/2 is its variance. */
    @Test
    void welchPsdIntegratesToTheVariance() {
        Random rnd = new Random(42);
        double fs = 250;
        double[] x = new double[250 * 120];
        for (int t = 0; t < x.length; t++) {
            x[t] = 3 * rnd.nextGaussian() + 10; // the DC offset is removed by the constant detrend
        }
        PowerSpectrum psd = new Welch(fs, 250).estimate(x);
        double total = BandPower.absolute(psd, 0, fs / 2);
        assertEquals(9.0, total, 0.3);
    }

    /** A sinusoid of amplitude A carries power A^2 / 2, concentrated at its frequency. */
    @Property(tries = 20)
    void bandPowerOfASinusoid(
            @ForAll @DoubleRange(min = 5, max = 40) double freq, @ForAll @DoubleRange(min = 0.5, max = 50) double amp) {
        double fs = 256;
        double[] x = new double[256 * 20];
        for (int t = 0; t < x.length; t++) {
            x[t] = amp * Math.sin(2 * Math.PI * freq * t / fs);
        }
        PowerSpectrum psd = Welch.psd(x, fs, 512, 256);
        double band = BandPower.absolute(psd, freq - 3, freq + 3);
        assertEquals(amp * amp / 2, band, 0.02 * amp * amp / 2, freq + " Hz");
        assertTrue(BandPower.relative(psd, freq - 3, freq + 3, 1, 100) > 0.98);
    }

    /** The Hilbert envelope of a slowly modulated carrier recovers the modulation (away from the ends). */
    @Test
    void hilbertEnvelopeOfAmplitudeModulatedCarrier() {
        double fs = 500;
        int n = 5000;
        double[] x = new double[n];
        double[] env = new double[n];
        for (int t = 0; t < n; t++) {
            env[t] = 2 + Math.sin(2 * Math.PI * 0.5 * t / fs);
            x[t] = env[t] * Math.cos(2 * Math.PI * 20 * t / fs);
        }
        AnalyticSignal a = Hilbert.analytic(x);
        double[] got = a.envelope();
        double[] phase = a.phase();
        for (int t = 500; t < n - 500; t++) {
            assertEquals(env[t], got[t], 1e-6, "envelope at " + t);
            double expectedPhase = Math.IEEEremainder(2 * Math.PI * 20 * t / fs, 2 * Math.PI);
            assertEquals(0, Math.IEEEremainder(phase[t] - expectedPhase, 2 * Math.PI), 1e-6, "phase at " + t);
        }
        assertArrayEquals(x, a.re(), 1e-9);
    }

    /** The reusable transform gives bitwise the one-off result, call after call. */
    @Test
    void reusableHilbertMatchesOneOff() {
        Random rnd = new Random(5);
        Hilbert h = new Hilbert(33);
        double[] re = new double[33];
        double[] im = new double[33];
        for (int k = 0; k < 3; k++) {
            double[] x = rnd.doubles(33).toArray();
            h.analytic(x, re, im);
            AnalyticSignal once = Hilbert.analytic(x);
            assertArrayEquals(once.re(), re);
            assertArrayEquals(once.im(), im);
        }
        assertThrows(IllegalArgumentException.class, () -> h.analytic(new double[32], re, im));
        assertThrows(IllegalArgumentException.class, () -> new Hilbert(0));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new RealFft(0));
        assertThrows(IllegalArgumentException.class, () -> Hilbert.analytic(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Hilbert.analytic(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new Welch(0, 256, 128));
        assertThrows(IllegalArgumentException.class, () -> new Welch(256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Welch(256, 256, 256));
        assertThrows(IllegalArgumentException.class, () -> new Welch(256, 256, -1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Welch.psd(new double[0], 256, 256, 128));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Welch.psd(new double[100], 256, 256, 128));
        double[] withNan = new double[512];
        withNan[300] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> Welch.psd(withNan, 256, 256, 128));
        assertTrue(e.getMessage().contains("300"), e.getMessage());
        PowerSpectrum psd = Welch.psd(new Random(1).doubles(1024).toArray(), 256, 256, 128);
        assertThrows(IllegalArgumentException.class, () -> BandPower.absolute(psd, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> BandPower.absolute(psd, 10, 10.5));
        assertThrows(IllegalArgumentException.class, () -> BandPower.absolute(psd, 200, 300));
        assertThrows(IllegalArgumentException.class, () -> BandPower.absolute(psd, -1, 3));
        assertThrows(
                IllegalArgumentException.class,
                () -> BandPower.relative(new PowerSpectrum(new double[] {0, 1, 2}, new double[3]), 0, 1, 0, 2));
    }

    @Test
    void welchOfOneChannelOfAnInterleavedBlock() {
        Random rnd = new Random(7);
        int channels = 3;
        int n = 1000;
        double[] block = new double[n * channels];
        double[] ch1 = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                block[i * channels + c] = rnd.nextGaussian() * (c + 1);
            }
            ch1[i] = block[i * channels + 1];
        }
        Welch welch = new Welch(100, 128);
        assertArrayEquals(
                welch.estimate(ch1).density(),
                welch.estimate(block, channels, 1).density());
        assertThrows(IllegalArgumentException.class, () -> welch.estimate(block, channels, 3));
    }
}
