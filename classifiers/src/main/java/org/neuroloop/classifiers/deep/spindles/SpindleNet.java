package org.neuroloop.classifiers.deep.spindles;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * A small causal spindle network in the spirit of Portiloop (Valenchon et al. 2022): one channel, the last window
 * {@code (N, 2, W)} (broadband and sigma) of the {@link SpindleNetFrontEnd}, three convolution + max-pool stages, a
 * dense layer, two logits
 * (no spindle / spindle at the window's last sample). Portiloop feeds successive 0.23 s windows to a GRU; here one
 * 1 s window per decision carries the context instead, which keeps the online state to the front end's ring buffer.
 */
public final class SpindleNet {

    static final int KERNEL = 5;

    private SpindleNet() {}

    public static SequentialBlock build(SpindleNetConfig cfg) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < 3; i++) {
            net.add(Conv1d.builder()
                            .setKernelShape(new Shape(KERNEL))
                            .setFilters(cfg.filters())
                            .optPadding(new Shape(KERNEL / 2))
                            .optBias(false)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool1dBlock(new Shape(2), new Shape(2)));
        }
        net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(cfg.filters()).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build());
        return net;
    }
}
