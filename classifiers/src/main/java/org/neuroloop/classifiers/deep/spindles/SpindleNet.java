package org.neuroloop.classifiers.deep.spindles;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.GRU;
import org.neuroloop.classifiers.deep.Im2colConv1d;

/**
 * A small causal spindle network in the spirit of Portiloop (Valenchon et al. 2022): one channel, the last window
 * {@code (N, C, W)} (broadband and sigma, optionally the classic detector's features) of the
 * {@link SpindleNetFrontEnd}, three convolution + max-pool stages, a
 * dense layer (or, with {@link SpindleNetConfig#recurrent()}, a two-layer GRU over the convolutions' time steps and
 * its last output), two logits (no spindle / spindle at the window's last sample). Portiloop feeds successive 0.23 s
 * windows to a GRU whose state carries over; here one window per decision carries the context instead (the GRU
 * starts from zero in every window), which keeps the online state to the front end's ring buffer.
 */
public final class SpindleNet {

    static final int KERNEL = 5;
    /** The GRU's output at the window's last time step, {@code (N, H)}. */
    private static final NDIndex LAST_STEP = new NDIndex(":, -1, :");

    private SpindleNet() {}

    public static SequentialBlock build(SpindleNetConfig cfg) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < 3; i++) {
            net.add(Im2colConv1d.builder()
                            .setKernelShape(new Shape(KERNEL))
                            .setFilters(cfg.filters())
                            .optPadding(new Shape(KERNEL / 2))
                            .optBias(false)
                            .optInputGradient(i > 0)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool1dBlock(new Shape(2), new Shape(2)));
        }
        if (cfg.recurrent() > 0) {
            net.add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().transpose(0, 2, 1)), "time-major"))
                    .add(GRU.builder()
                            .setStateSize(cfg.recurrent())
                            .setNumLayers(2)
                            .optBatchFirst(true)
                            .optReturnState(false)
                            .build())
                    .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(LAST_STEP)), "last-step"))
                    .add(Linear.builder().setUnits(2).build());
            return net;
        }
        net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(cfg.filters()).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build());
        return net;
    }
}
