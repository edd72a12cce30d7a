package org.neuroloop.classifiers.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Our preprocessing + CSP against MNE 1.3's {@code CSP(n_components=4, log=True)} on EEGMMIDB S001 imagined runs
 * ({@code src/test/python/csp_mne_reference.py} writes {@code csp_mne_S001.json}).
 */
class CspMneGoldenTest {

    private static final JsonNode REF = Fixtures.read(Path.of("classifiers/src/test/resources/csp_mne_S001.json"));

    @Test
    void epochsMatchScipyFilteredMneData() {
        TrialSet t = S001.imagined();
        assertEquals(45, t.size());
        assertArrayEquals(Fixtures.ints(REF.get("labels")), t.labels());
        double[][] first = Fixtures.matrix(REF.get("epoch0_first_samples"));
        for (int c = 0; c < first.length; c++) {
            for (int i = 0; i < first[c].length; i++) {
                assertEquals(
                        first[c][i],
                        t.epochs()[0][c][i],
                        1e-9 * Math.max(1, Math.abs(first[c][i])),
                        "channel " + c + " sample " + i);
            }
        }
    }

    @Test
    void cspFeaturesAndFiltersMatchMne() {
        TrialSet t = S001.imagined();
        CommonSpatialPatterns csp = new CommonSpatialPatterns(4).fit(t.epochs(), t.labels());
        double[][] features = csp.transform(t.epochs());
        double[][] ref = Fixtures.matrix(REF.get("features"));
        for (int i = 0; i < ref.length; i++) {
            assertArrayEquals(ref[i], features[i], 1e-6, "log-power features of trial " + i);
        }
        // filters agree up to sign and the µV/V scale of the data (MNE works in volts)
        double[][] refFilters = Fixtures.matrix(REF.get("filters"));
        double[][] ours = csp.filters();
        for (int k = 0; k < 4; k++) {
            double[] a = unit(refFilters[k]);
            double[] b = unit(ours[k]);
            double dot = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * b[j];
            }
            assertEquals(1.0, Math.abs(dot), 1e-8, "filter " + k + " direction");
        }
    }

    private static double[] unit(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / n;
        }
        return out;
    }
}
