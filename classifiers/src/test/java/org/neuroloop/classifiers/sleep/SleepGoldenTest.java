package org.neuroloop.classifiers.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.filter.Butterworth;

/** Against scipy (sosfiltfilt, hilbert) and a numpy FFT ecHT: {@code src/test/python/sleep_golden.py}. */
class SleepGoldenTest {
    static final JsonNode G = load();

    static JsonNode load() {
        try (InputStream in = SleepGoldenTest.class.getResourceAsStream("/sleep_golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] arr(String key) {
        JsonNode a = G.get(key);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    static final double FS = G.get("fs").asDouble();

    @Test
    void zeroPhaseFilterEqualsScipySosfiltfilt() {
        double[] x = arr("x");
        double[] so = ZeroPhaseFilter.apply(Butterworth.bandpass(2, 0.5, 2, FS), x);
        double[] sg = ZeroPhaseFilter.apply(Butterworth.bandpass(2, 11, 16, FS), x);
        double[] eso = arr("sosfiltfilt_so_0.5_2"), esg = arr("sosfiltfilt_sigma_11_16");
        for (int i = 0; i < x.length; i++) {
            assertEquals(eso[i], so[i], 1e-8, "slow band sample " + i);
            assertEquals(esg[i], sg[i], 1e-8, "sigma band sample " + i);
        }
    }

    @Test
    void referencePhaseEqualsScipyHilbertOfSosfiltfilt() {
        double[] ph = SoPhaseEvaluation.referencePhase(arr("x"), FS, SlowOscillationParameters.defaults());
        double[] e = arr("reference_phase_0.5_2");
        for (int i = 0; i < e.length; i++) {
            assertEquals(0, SlowOscillationTargeter.wrap(ph[i] - e[i]), 1e-7, "sample " + i);
        }
    }

    @Test
    void endpointCorrectedHilbertEqualsTheFftDefinition() {
        double[] x = arr("x");
        JsonNode ends = G.get("echt_ends");
        for (String key : new String[] {"echt_phase_0.5_2", "echt_phase_odd_window_151"}) {
            int w = key.endsWith("151") ? 151 : 200;
            EndpointCorrectedHilbert h = new EndpointCorrectedHilbert(Butterworth.bandpass(2, 0.5, 2, FS), w);
            double[] e = arr(key);
            for (int k = 0; k < e.length; k++) {
                int end = ends.get(k).asInt();
                assertEquals(0, SlowOscillationTargeter.wrap(h.phaseAt(x, end) - e[k]), 1e-9, key + " end " + end);
                // the ring-buffer form gives the same number
                double[] ring = new double[w];
                int pos = 0;
                for (int i = end - w; i < end; i++) {
                    ring[pos] = x[i];
                    pos = (pos + 1) % w;
                }
                assertEquals(h.phaseAt(x, end), h.phase(ring, pos), 1e-12);
            }
        }
    }
}
