package org.neuroloop.classifiers.deep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.function.Supplier;

/**
 * Re-estimates the running mean and variance of every batch norm of a trained network on new, unlabelled inputs
 * (adaptive batch normalisation, Li et al. 2018, Pattern Recognition 80): the inputs go through the network in
 * training mode as one batch, without gradient steps, until the running statistics (exponential averages of the
 * batch statistics) have forgotten the old ones. Every other parameter is left as it was. The reverse, {@link
 * #keepStatistics}, undoes what training-mode steps did to the running statistics.
 */
public final class BatchNormAdaptation {

    /** Training-mode passes; the running statistics keep well under 2 % of the old ones after them. */
    static final int PASSES = 40;

    private BatchNormAdaptation() {}

    /** The parameters with the batch norms' running statistics taken from {@code data}'s inputs. */
    public static byte[] adapt(Supplier<SequentialBlock> network, byte[] parameters, NetworkTrainer.Data data) {
        if (data.size() < 2) {
            throw new IllegalArgumentException("batch-norm adaptation needs at least 2 inputs, got " + data.size());
        }
        SequentialBlock net = network.get();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Shape shape = new Shape(data.size(), data.channels(), data.samples());
            net.initialize(manager, DataType.FLOAT32, shape);
            NetworkTrainer.load(net, manager, parameters);
            ParameterStore store = new ParameterStore(manager, false);
            for (int pass = 0; pass < PASSES; pass++) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray x = m.create(data.x(), shape);
                    net.forward(store, new NDList(x), true);
                }
            }
            return NetworkTrainer.save(net);
        }
    }

    /**
     * {@code parameters} with every batch norm's running mean and variance taken from {@code statisticsFrom}
     * (parameters of the same network), e.g. the pretrained statistics after fine-tuning steps moved them.
     */
    public static byte[] keepStatistics(
            Supplier<SequentialBlock> network, byte[] parameters, byte[] statisticsFrom, Shape inputShape) {
        SequentialBlock into = network.get();
        SequentialBlock from = network.get();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            into.initialize(manager, DataType.FLOAT32, inputShape);
            from.initialize(manager, DataType.FLOAT32, inputShape);
            NetworkTrainer.load(into, manager, parameters);
            NetworkTrainer.load(from, manager, statisticsFrom);
            PairList<String, Parameter> a = into.getParameters();
            PairList<String, Parameter> b = from.getParameters();
            for (int i = 0; i < a.size(); i++) {
                Pair<String, Parameter> p = a.get(i);
                Parameter.Type type = p.getValue().getType();
                if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                    p.getValue().getArray().set(b.get(i).getValue().getArray().toFloatArray());
                }
            }
            return NetworkTrainer.save(into);
        }
    }
}
