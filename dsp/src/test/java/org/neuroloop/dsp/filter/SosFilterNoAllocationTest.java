package org.neuroloop.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.riemann.AllocationMeter;

/**
 * The streaming band-pass used by {@code neuroloop bench dsp} (4th-order Butterworth 8–30 Hz at 250 Hz, 64 channels)
 * allocates nothing per processed chunk, for chunks of 1, 10 and 100 samples.
 */
class SosFilterNoAllocationTest {

    @Test
    void processInPlaceDoesNotAllocatePerChunk() {
        int channels = 64;
        SosFilter filter = SosFilter.zeroState(Butterworth.bandpass(4, 8.0, 30.0, 250.0), channels);
        Random r = new Random(5);
        for (int chunk : new int[] {1, 10, 100}) {
            double[] source = new double[chunk * channels];
            for (int k = 0; k < source.length; k++) {
                source[k] = 10 * r.nextGaussian();
            }
            double[] buffer = new double[source.length];
            int iterations = 20_000 / chunk;
            long bytes = AllocationMeter.bytesAllocated(iterations, iterations, () -> {
                System.arraycopy(source, 0, buffer, 0, buffer.length);
                filter.processInPlace(buffer);
            });
            assertTrue(
                    bytes < 4_096, "chunk of " + chunk + ": " + bytes + " bytes allocated in " + iterations + " calls");
        }
    }
}
