package org.neuroloop.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.testing.Fixtures;

/** Streaming SOS filtering against scipy.sosfilt, plus the laws a linear time-invariant filter obeys. */
class SosFilterTest {

    static final double OUTPUT_TOL = 1e-9;

    /** Interleaves channel arrays into the Chunk layout. */
    static double[] interleave(double[]... channels) {
        int n = channels[0].length;
        double[] out = new double[n * channels.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels.length; c++) {
                out[i * channels.length + c] = channels[c][i];
            }
        }
        return out;
    }

    static double[] channel(double[] interleaved, int channels, int c) {
        double[] out = new double[interleaved.length / channels];
        for (int i = 0; i < out.length; i++) {
            out[i] = interleaved[i * channels + c];
        }
        return out;
    }

    static double[] scaled(double[] x, double k) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = k * x[i];
        }
        return out;
    }

    @Test
    void matchesScipySosfiltFromZeroAndSteadyState() {
        int seen = 0;
        for (JsonNode c : Fixtures.read("iir_filters.json").get("cases")) {
            if (c.get("btype").asText().equals("notch")) {
                continue;
            }
            seen++;
            String name = ButterworthTest.label(c);
            IirFilter design = ButterworthTest.design(c);
            double[] x = Fixtures.toDoubleArray(c.get("x"));
            double[] yZero = Fixtures.toDoubleArray(c.get("y_zero_state"));
            double[] ySteady = Fixtures.toDoubleArray(c.get("y_steady_state_init"));

            assertArrayEquals(yZero, SosFilter.zeroState(design, 1).process(x), OUTPUT_TOL, name + " zero state");
            assertArrayEquals(
                    ySteady,
                    SosFilter.steadyState(design, new double[] {x[0]}).process(x),
                    OUTPUT_TOL,
                    name + " steady-state init");

            // Three channels at once (x, -2x, x): each must equal the single-channel result.
            double[] multi = interleave(x, scaled(x, -2), x);
            SosFilter f = SosFilter.steadyState(design, new double[] {x[0], -2 * x[0], x[0]});
            double[] y = f.process(multi);
            assertArrayEquals(ySteady, channel(y, 3, 0), OUTPUT_TOL, name + " channel 0");
            assertArrayEquals(scaled(ySteady, -2), channel(y, 3, 1), 2 * OUTPUT_TOL, name + " channel 1");
            assertArrayEquals(ySteady, channel(y, 3, 2), OUTPUT_TOL, name + " channel 2");
        }
        assertEquals(6, seen);
    }

    @Test
    void steadyStateZiMatchesScipySosfiltZi() {
        for (JsonNode c : Fixtures.readResource("/dsp_extra.json").get("butter")) {
            String name = ButterworthTest.label(c);
            IirFilter design = ButterworthTest.design(c);
            double[][] expected = Fixtures.toMatrix(c.get("sosfilt_zi"));
            double[][] zi = SosFilter.steadyStateZi(design);
            for (int s = 0; s < expected.length; s++) {
                assertArrayEquals(
                        expected[s], zi[s], 1e-9 * Math.max(1, Math.abs(expected[s][0])), name + " section " + s);
            }
            double[] x = Fixtures.toDoubleArray(c.get("x"));
            assertArrayEquals(
                    Fixtures.toDoubleArray(c.get("y_steady_state_init")),
                    SosFilter.steadyState(design, new double[] {x[0]}).process(x),
                    OUTPUT_TOL,
                    name);
        }
    }

    @Test
    void constantInputFromSteadyStateStaysAtDcGain() {
        IirFilter lp = Butterworth.lowpass(4, 40, 250);
        double[] x = new double[200];
        Arrays.fill(x, 7.5);
        double[] y = SosFilter.steadyState(lp, new double[] {7.5}).process(x);
        for (double v : y) {
            assertEquals(7.5, v, 1e-9);
        }
    }

    /** Any split of the stream into chunks (including empty ones) gives bitwise the output of one call. */
    @Property(tries = 60)
    void chunkingDoesNotChangeTheOutput(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 9) int channels,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 70) Integer> chunkSizes,
            @ForAll boolean steady) {
        Random rnd = new Random(seed);
        int n = 523;
        double[] x = new double[n * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * 20 + 5;
        }
        IirFilter design = Butterworth.bandpass(4, 1, 40, 250);
        double[] first = Arrays.copyOf(x, channels);
        SosFilter whole = steady ? SosFilter.steadyState(design, first) : SosFilter.zeroState(design, channels);
        double[] expected = whole.process(x);

        SosFilter streaming = steady ? SosFilter.steadyState(design, first) : SosFilter.zeroState(design, channels);
        double[] actual = new double[x.length];
        int pos = 0;
        for (int k = 0; pos < n; k++) {
            int len = Math.min(chunkSizes.get(k % chunkSizes.size()), n - pos);
            if (k > 10_000) {
                len = n - pos; // all sizes were 0
            }
            double[] chunk = Arrays.copyOfRange(x, pos * channels, (pos + len) * channels);
            streaming.processInPlace(chunk);
            System.arraycopy(chunk, 0, actual, pos * channels, chunk.length);
            pos += len;
        }
        assertArrayEquals(expected, actual); // exact, not approximately
        assertArrayEquals(whole.state(), streaming.state());
    }

    /** filter(a x + b y) = a filter(x) + b filter(y) from zero state. */
    @Property(tries = 40)
    void filteringIsLinear(
            @ForAll long seed,
            @ForAll @DoubleRange(min = -10, max = 10) double a,
            @ForAll @DoubleRange(min = -10, max = 10) double b) {
        Random rnd = new Random(seed);
        int channels = 3;
        double[] x = new double[300 * channels];
        double[] y = new double[x.length];
        double[] mix = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * 50;
            y[i] = rnd.nextGaussian() * 50;
            mix[i] = a * x[i] + b * y[i];
        }
        IirFilter design = Butterworth.bandstop(3, 45, 55, 500);
        double[] fx = SosFilter.zeroState(design, channels).process(x);
        double[] fy = SosFilter.zeroState(design, channels).process(y);
        double[] fmix = SosFilter.zeroState(design, channels).process(mix);
        for (int i = 0; i < x.length; i++) {
            assertEquals(
                    a * fx[i] + b * fy[i],
                    fmix[i],
                    1e-9 * (1 + Math.abs(a * fx[i]) + Math.abs(b * fy[i])) * 100,
                    "sample " + i);
        }
    }

    /** A 8–30 Hz band-pass passes in-band sinusoids and removes out-of-band ones (after the start-up transient). */
    @Property(tries = 40)
    void bandpassAttenuatesOutOfBandSinusoids(
            @ForAll @DoubleRange(min = 0.2, max = 124) double freq,
            @ForAll @DoubleRange(min = 0, max = 6.28) double phase) {
        double fs = 250;
        IirFilter design = Butterworth.bandpass(4, 8, 30, fs);
        int n = 2500;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 * Math.sin(2 * Math.PI * freq * i / fs + phase);
        }
        double[] y = SosFilter.zeroState(design, 1).process(x);
        double peak = 0;
        for (int i = n - 1000; i < n; i++) { // last 4 s, long after the transient even at 0.2 Hz
            peak = Math.max(peak, Math.abs(y[i]));
        }
        double gain = peak / 10;
        double expected = design.magnitudeAt(freq);
        if (freq < 4 || freq > 60) {
            assertTrue(gain < 0.05, "out-of-band " + freq + " Hz gain " + gain);
        } else if (freq > 10 && freq < 25) {
            assertTrue(gain > 0.9, "in-band " + freq + " Hz gain " + gain);
        }
        assertTrue(gain <= expected * 1.05 + 1e-3, freq + " Hz: gain " + gain + " vs |H| " + expected);
    }

    @Test
    void stateSnapshotRestoresTheStreamExactly() {
        IirFilter design = Butterworth.bandpass(4, 8, 30, 160);
        Random rnd = new Random(3);
        double[] x = new double[400 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] expected = SosFilter.zeroState(design, 4).process(x);

        SosFilter a = SosFilter.zeroState(design, 4);
        double[] head = a.process(Arrays.copyOfRange(x, 0, 170 * 4));
        double[] snapshot = a.state();
        assertEquals(2 * 4 * 4, snapshot.length);
        SosFilter b = SosFilter.zeroState(design, 4); // e.g. after a restart from a checkpoint
        b.setState(snapshot);
        double[] tail = b.process(Arrays.copyOfRange(x, 170 * 4, x.length));
        double[] joined = new double[x.length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        assertArrayEquals(expected, joined);
    }

    @Test
    void nonFiniteInputIsRejectedAndLeavesTheStateUnchanged() {
        SosFilter f = SosFilter.zeroState(Butterworth.lowpass(2, 40, 250), 2);
        f.processInPlace(new double[] {1, 2, 3, 4});
        double[] before = f.state();
        double[] bad = {1, 2, 3, Double.NaN, 5, 6};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.processInPlace(bad));
        assertTrue(e.getMessage().contains("sample 1, channel 1"), e.getMessage());
        assertArrayEquals(before, f.state());
        assertThrows(IllegalArgumentException.class, () -> f.process(new double[] {Double.POSITIVE_INFINITY, 0}));
        assertArrayEquals(before, f.state());
    }

    @Test
    void rejectsShapeErrors() {
        IirFilter design = Butterworth.lowpass(2, 40, 250);
        SosFilter f = SosFilter.zeroState(design, 3);
        assertThrows(IllegalArgumentException.class, () -> f.processInPlace(new double[4]));
        assertThrows(IllegalArgumentException.class, () -> f.setState(new double[5]));
        assertThrows(IllegalArgumentException.class, () -> f.setState(new double[] {0, 0, 0, 0, 0, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> SosFilter.zeroState(design, 0));
        assertThrows(IllegalArgumentException.class, () -> SosFilter.steadyState(design, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> f.resetToSteadyState(new double[2]));
        Chunk wrong = new Chunk("s", 0, new double[1], new double[2], 2, 250, 0);
        assertThrows(IllegalArgumentException.class, () -> f.process(wrong));
        f.processInPlace(new double[0]); // an empty block is a no-op
        assertArrayEquals(new double[f.stateLength()], f.state());
    }

    @Test
    void filtersChunksWithoutMutatingThem() {
        IirFilter design = Butterworth.highpass(2, 1, 100);
        double[] samples = {1, 2, 3, 4, 5, 6};
        Chunk in = new Chunk("s", 10, new double[] {0.0, 0.01, 0.02}, samples.clone(), 2, 100, 0);
        Chunk out = SosFilter.zeroState(design, 2).process(in);
        assertArrayEquals(samples, in.samples());
        assertArrayEquals(SosFilter.zeroState(design, 2).process(samples), out.samples());
        assertEquals(in.firstSeq(), out.firstSeq());
        assertEquals(
                "<IIR 2nd causal filter @ (1, None) Hz (butter)> x 2 channels",
                SosFilter.zeroState(design, 2).toString());
    }
}
