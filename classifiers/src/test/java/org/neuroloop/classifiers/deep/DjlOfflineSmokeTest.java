package org.neuroloop.classifiers.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** DJL's PyTorch engine loads from the bundled native jar with {@code ai.djl.offline=true} (no download). */
class DjlOfflineSmokeTest {

    @Test
    void pytorchEngineMultipliesOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "surefire must run DJL offline");
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("PyTorch", engine.getEngineName());
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3});
            NDArray b = m.create(new float[] {4, 5, 6});
            assertArrayEquals(new float[] {4, 10, 18}, a.mul(b).toFloatArray());
        }
    }

    /** d/dw sum((w * x)^2) = 2 w x^2, through the engine's autograd. */
    @Test
    void backwardGivesTheAnalyticGradient() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager()) {
            NDArray w = m.create(new float[] {0.5f, -1f, 2f});
            NDArray x = m.create(new float[] {1f, 2f, 3f});
            w.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray y = w.mul(x).square().sum();
                gc.backward(y);
            }
            assertArrayEquals(new float[] {1f, -8f, 36f}, w.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
