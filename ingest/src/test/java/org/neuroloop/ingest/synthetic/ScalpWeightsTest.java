package org.neuroloop.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions of one montage share one set of weights, equal to the montage's fall-off from each source. */
class ScalpWeightsTest {

    @Test
    void oneMontageOneSharedSetOfTheMontagesWeights() {
        List<String> labels = List.copyOf(Montage1020.STANDARD_19);
        ScalpWeights w = ScalpWeights.of(labels);
        assertSame(w, ScalpWeights.of(List.copyOf(new ArrayList<>(Montage1020.STANDARD_19))));
        for (int c = 0; c < labels.size(); c++) {
            String l = labels.get(c);
            assertEquals(Montage1020.weight(l, "POz", SyntheticEeg.SIGMA_ALPHA), w.alpha[c], 0.0, l);
            assertEquals(Montage1020.weight(l, "C3", SyntheticEeg.SIGMA_MOTOR), w.left[c], 0.0, l);
            assertEquals(Montage1020.weight(l, "C4", SyntheticEeg.SIGMA_MOTOR), w.right[c], 0.0, l);
            assertEquals(Montage1020.weight(l, "Cz", SyntheticEeg.SIGMA_SLEEP), w.spindle[c], 0.0, l);
            assertEquals(Montage1020.weight(l, "Fz", SyntheticEeg.SIGMA_SLEEP), w.slow[c], 0.0, l);
        }
    }
}
