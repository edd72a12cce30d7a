package org.neuroloop.classifiers.deep.simpleconv;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import org.neuroloop.classifiers.deep.Im2colConv1d;

/**
 * A small EEG-SimpleConv-style network (El Ouahidi et al. 2024, IEEE TNSRE 32: a plain 1D CNN over all channels),
 * input {@code (N, C, T)}:
 * <pre>
 *   conv1d (C → F, kernel k, same padding, no bias) → batch norm → ReLU
 *   blocks × [ max-pool 2 → conv1d (F → F, kernel k) → batch norm → ReLU ]
 *   global average pool over time → (N, F)
 *   dense → (N, 2) logits
 * </pre>
 * The published network is wider (F = 109, two convolutions per block); this one keeps one convolution per block
 * and fewer maps so that 19-subject pretraining stays within minutes on two CPU cores.
 */
public final class SimpleConvNet {

    private SimpleConvNet() {}

    /** The (uninitialised) network. */
    public static SequentialBlock build(SimpleConvConfig cfg) {
        SequentialBlock net = new SequentialBlock();
        convolution(net, cfg, false);
        for (int b = 0; b < cfg.blocks(); b++) {
            net.add(Pool.maxPool1dBlock(new Shape(2), new Shape(2)));
            convolution(net, cfg, true);
        }
        net.add(Pool.globalAvgPool1dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build());
        return net;
    }

    private static void convolution(SequentialBlock net, SimpleConvConfig cfg, boolean inputGradient) {
        net.add(Im2colConv1d.builder()
                        .setKernelShape(new Shape(cfg.kernel()))
                        .setFilters(cfg.filters())
                        .optPadding(new Shape(cfg.kernel() / 2))
                        .optBias(false)
                        .optInputGradient(inputGradient)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }
}
