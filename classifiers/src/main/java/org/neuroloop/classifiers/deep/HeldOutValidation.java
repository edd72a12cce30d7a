package org.neuroloop.classifiers.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;

/**
 * Early stopping for {@link NetworkTrainer}: offered the network after each epoch, keeps the parameters with the
 * best accuracy on held-out trials (ties: the lower mean cross-entropy), and the epoch they came from.
 */
final class HeldOutValidation {

    private final NetworkTrainer.Data data;
    private double accuracy = -1;
    private double loss = Double.POSITIVE_INFINITY;
    private int epoch;
    private byte[] parameters;

    HeldOutValidation(NetworkTrainer.Data data) {
        this.data = data;
    }

    void offer(SequentialBlock net, Trainer trainer, int atEpoch) {
        double correct = 0;
        double lossSum = 0;
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray xa = m.create(data.x(), new Shape(data.size(), data.channels(), data.samples()));
            float[] l = net.forward(new ParameterStore(m, false), new NDList(xa), false)
                    .singletonOrThrow()
                    .toFloatArray();
            for (int i = 0; i < data.size(); i++) {
                double a = l[2 * i];
                double b = l[2 * i + 1];
                double mx = Math.max(a, b);
                double logZ = mx + Math.log(Math.exp(a - mx) + Math.exp(b - mx));
                int y = data.labels()[i];
                lossSum += logZ - (y == 1 ? b : a);
                if ((b > a ? 1 : 0) == y) {
                    correct++;
                }
            }
        }
        double acc = correct / data.size();
        double meanLoss = lossSum / data.size();
        if (acc > accuracy || (acc == accuracy && meanLoss < loss)) {
            accuracy = acc;
            loss = meanLoss;
            epoch = atEpoch;
            parameters = NetworkTrainer.save(net);
        }
    }

    int epoch() {
        return epoch;
    }

    double accuracy() {
        return accuracy;
    }

    byte[] parameters() {
        return parameters;
    }
}
