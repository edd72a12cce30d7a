package org.neuroloop.dsp.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;

class ReReferenceFunctionTest {
    @Test
    void commonAverageAndSubsetReference() throws Exception {
        Chunk c = new Chunk("s", 0, new double[] {0, 1}, new double[] {1, 2, 6, 3, 3, 3}, 3, 1, 0);
        assertArrayEquals(
                new double[] {-2, -1, 3, 0, 0, 0},
                new ReReferenceFunction().map(c).samples(),
                1e-12);
        assertArrayEquals(
                new double[] {0, 1, 5, 0, 0, 0},
                new ReReferenceFunction(0).map(c).samples(),
                1e-12);
    }
}
