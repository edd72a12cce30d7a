package org.neuroloop.classifiers.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkTrainerTest {

    @Test
    void groupBatchesHoldOneGroupAndNeverOneTrial() {
        int[] groups = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
        NetworkTrainer.Data d = new NetworkTrainer.Data(new float[12], 1, 1, new int[12], groups);
        List<int[]> batches = NetworkTrainer.batches(d, new NetworkTrainer.Recipe(4, 0, true, 1), new Random(1));
        int seen = 0;
        for (int[] b : batches) {
            assertTrue(b.length >= 2, "batch of " + b.length);
            assertTrue(Arrays.stream(b).map(i -> groups[i]).distinct().count() == 1, "one group per batch");
            seen += b.length;
        }
        assertEquals(12, seen, "every trial once per epoch");
    }

    @Test
    void mixupMixesInputsAndLabelsWithTheSameWeight() {
        float[] x = {1, 1, 3, 3};
        float[] y = {1, 0, 0, 1};
        float[] out = new float[4];
        NetworkTrainer.mixup(x, y, 2, 2, 0.25, new int[] {1, 0}, out);
        assertEquals(0.25f * 1 + 0.75f * 3, out[0], 1e-6);
        assertEquals(0.25f * 3 + 0.75f * 1, out[2], 1e-6);
        assertEquals(0.25f, y[0], 1e-6);
        assertEquals(0.75f, y[1], 1e-6);
        assertEquals(1f, y[2] + y[3], 1e-6);
    }

    @Test
    void betaDrawsStayInTheUnitIntervalAroundOneHalf() {
        Random r = new Random(3);
        double s = 0;
        for (int i = 0; i < 2000; i++) {
            double b = NetworkTrainer.beta(0.4, r);
            assertTrue(b >= 0 && b <= 1);
            s += b;
        }
        assertEquals(0.5, s / 2000, 0.03);
    }

    @Test
    void dataChecksLabelsAndSizes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new NetworkTrainer.Data(new float[3], 1, 1, new int[2], new int[2]));
        assertThrows(
                IllegalArgumentException.class,
                () -> new NetworkTrainer.Data(new float[2], 1, 1, new int[] {0, 2}, new int[2]));
    }
}
