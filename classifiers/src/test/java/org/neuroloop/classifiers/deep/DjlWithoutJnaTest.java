package org.neuroloop.classifiers.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.cuda.CudaUtils;
import org.junit.jupiter.api.Test;

/**
 * DJL's PyTorch engine runs with no JNA on the classpath, as it must on every NeuroLoop runtime classpath: DJL's only
 * JNA use is its CUDA probe, which takes the missing library as "no GPU". This module's tests run without JNA (see
 * its pom), so every deep-model test here runs as in production.
 */
class DjlWithoutJnaTest {

    @Test
    void jnaIsNotOnTheTestClasspath() {
        assertThrows(
                ClassNotFoundException.class,
                () -> Class.forName("com.sun.jna.Native"),
                "JNA on the classifiers test classpath: the deep-model tests would not show DJL running without it");
    }

    @Test
    void cudaProbeFindsNoGpuAndTheCpuEngineComputes() {
        assertEquals(0, CudaUtils.getGpuCount());
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals(Device.cpu(), engine.defaultDevice());
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertArrayEquals(new float[] {2, 4, 6}, a.add(a).toFloatArray());
        }
    }
}
