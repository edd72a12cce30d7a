package org.neuroloop.classifiers.deep;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;

/**
 * ShallowConvNet (Schirrmeister et al. 2017, "Deep learning with convolutional neural networks for EEG decoding and
 * visualization", Hum. Brain Mapp. 38:5391) as DJL blocks, input {@code (N, 1, C, T)}:
 * <pre>
 *   temporal conv (F filters, 1 × kernel)        → (N, F, C, T - kernel + 1)
 *   spatial conv  (F filters, C × 1, no bias)    → (N, F, 1, T')
 *   batch norm → square → mean-pool (1 × pool, stride) → log(max(·, 1e-6))   (log band power, like CSP's log-var)
 *   flatten                                      → (N, F · P)         = {@link #features}
 *   dropout → dense (2 units)                    → (N, 2) logits      = {@link #head}
 * </pre>
 */
public final class ShallowConvNet {

    private final SequentialBlock features;
    private final SequentialBlock head;
    private final SequentialBlock net;

    /** Builds the (uninitialised) network for epochs of {@code channels × samples}. */
    public ShallowConvNet(ShallowConvNetConfig cfg, int channels, int samples) {
        int valid = samples - cfg.kernel() + 1;
        if (valid < 1) {
            throw new IllegalArgumentException("shallow-convnet: epochs of " + samples + " samples are shorter than the temporal kernel ("
                    + cfg.kernel() + ")");
        }
        int pool = Math.min(cfg.pool(), valid);
        features = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, cfg.kernel())).setFilters(cfg.filters()).build())
                .add(Conv2d.builder().setKernelShape(new Shape(channels, 1)).setFilters(cfg.filters()).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().square()), "square"))
                .add(Pool.avgPool2dBlock(new Shape(1, pool), new Shape(1, cfg.stride())))
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().maximum(1e-6f).log()), "safe_log"))
                .add(Blocks.batchFlattenBlock());
        head = new SequentialBlock()
                .add(Dropout.builder().optRate(cfg.dropout()).build())
                .add(Linear.builder().setUnits(2).build());
        net = new SequentialBlock().add(features).add(head);
    }

    /** The whole network, {@code (N, 1, C, T) → (N, 2)} logits. */
    public SequentialBlock net() {
        return net;
    }

    /** Everything up to the flattened log-power maps, {@code (N, 1, C, T) → (N, F · P)}. */
    public SequentialBlock features() {
        return features;
    }

    /** Dropout and the dense layer. */
    public SequentialBlock head() {
        return head;
    }
}
