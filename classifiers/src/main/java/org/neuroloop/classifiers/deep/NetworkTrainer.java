package org.neuroloop.classifiers.deep;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Trains a two-logit DJL network with Adam on softmax cross-entropy through the PyTorch engine, from scratch
 * (pretraining) or from given parameters (fine-tuning).
 *
 * <p>Recipe: optional Mixup (Zhang et al. 2018; a batch is mixed with a shuffled copy of itself, labels mixed the
 * same way, weight drawn from Beta(α, α)), and optional subject-wise batches (every mini-batch comes from one
 * subject, so batch norm normalises with that subject's statistics during training). Deterministic: the engine seed
 * is set right before initialisation and all shuffles and Mixup draws come from {@code Random(seed)}; with one
 * PyTorch thread the same inputs give the same parameters. The engine seed is global, so training is serialised on
 * a class-wide lock.
 */
public final class NetworkTrainer {

    private static final Object ENGINE_SEED_LOCK = new Object();

    private NetworkTrainer() {}

    /**
     * Batching and augmentation.
     *
     * @param batch mini-batch size (>= 2)
     * @param mixupAlpha Beta(α, α) of Mixup, 0 for none
     * @param groupBatches every mini-batch from one group
     * @param seed engine and sampling seed
     */
    public record Recipe(int batch, double mixupAlpha, boolean groupBatches, int seed) {}

    /**
     * Network inputs with labels and a group (subject) per trial.
     *
     * @param x {@code [trial][channel][time]} flattened, float
     * @param channels C
     * @param samples T (at the network's rate)
     * @param labels class 0/1 per trial
     * @param groups subject index per trial (for subject-wise batches)
     */
    public record Data(float[] x, int channels, int samples, int[] labels, int[] groups) {
        public Data {
            if (x.length != (long) labels.length * channels * samples || groups.length != labels.length) {
                throw new IllegalArgumentException("training data: " + x.length + " values, " + labels.length
                        + " labels, "
                        + groups.length + " groups for " + channels + " × " + samples + " inputs");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != 0 && labels[i] != 1) {
                    throw new IllegalArgumentException(
                            "label of trial " + i + " is " + labels[i] + ", expected 0 or 1");
                }
            }
        }

        public int size() {
            return labels.length;
        }

        /** The trials {@code idx}, in that order (new arrays). */
        public Data subset(int[] idx) {
            int per = channels * samples;
            float[] sx = new float[idx.length * per];
            int[] sy = new int[idx.length];
            int[] sg = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(x, idx[i] * per, sx, i * per, per);
                sy[i] = labels[idx[i]];
                sg[i] = groups[idx[i]];
            }
            return new Data(sx, channels, samples, sy, sg);
        }
    }

    /**
     * What a training run leaves alone and how it stops.
     *
     * @param frozen blocks of the network (direct children) whose parameters stay as given; null: none
     * @param validation held-out trials: the parameters after the epoch (0 = as given) with the best accuracy on them
     *     are returned, ties to the lower loss; null: the parameters after the last epoch
     */
    public record Tuning(Predicate<Block> frozen, Data validation) {
        public static final Tuning NONE = new Tuning(null, null);
    }

    /**
     * Trains and returns the parameters in DJL's {@code Block.saveParameters} format.
     *
     * @param init parameters to start from (fine-tuning), or null to initialise from the seed
     * @param epochs passes over the data
     * @param learningRate Adam step size
     */
    public static byte[] train(
            Supplier<SequentialBlock> network,
            Recipe cfg,
            byte[] init,
            Data data,
            int epochs,
            float learningRate,
            TrainingProgress progress) {
        return train(network, cfg, init, data, epochs, learningRate, Tuning.NONE, progress);
    }

    /** {@link #train} with frozen blocks and early stopping on held-out trials ({@link Tuning}). */
    public static byte[] train(
            Supplier<SequentialBlock> network,
            Recipe cfg,
            byte[] init,
            Data data,
            int epochs,
            float learningRate,
            Tuning tuning,
            TrainingProgress progress) {
        int n = data.size();
        int per = data.channels() * data.samples();
        long t0 = System.nanoTime();
        synchronized (ENGINE_SEED_LOCK) {
            Engine.getEngine("PyTorch").setRandomSeed(cfg.seed());
            SequentialBlock net = network.get();
            try (Model model = Model.newInstance("network", "PyTorch")) {
                model.setBlock(net);
                Shape inputShape = new Shape(2, data.channels(), data.samples());
                if (init != null) {
                    // loaded before the trainer exists, so the trainer's initialisation keeps them and attaches
                    // gradients
                    net.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
                    load(net, model.getNDManager(), init);
                }
                DefaultTrainingConfig tc = new DefaultTrainingConfig(
                                new SoftmaxCrossEntropyLoss("loss", 1f, -1, false, true))
                        .optOptimizer(Optimizer.adam()
                                .optLearningRateTracker(Tracker.fixed(learningRate))
                                .build());
                try (Trainer trainer = model.newTrainer(tc)) {
                    trainer.initialize(inputShape);

                    if (tuning.frozen() != null) {
                        for (Block b : net.getChildren().values()) {
                            if (tuning.frozen().test(b)) {
                                b.freezeParameters(true);
                            }
                        }
                    }
                    HeldOutValidation best =
                            tuning.validation() == null ? null : new HeldOutValidation(tuning.validation());
                    if (best != null) {
                        best.offer(net, trainer, 0);
                    }
                    Random rnd = new Random(cfg.seed());
                    for (int epoch = 0; epoch < epochs; epoch++) {
                        double lossSum = 0;
                        for (int[] batch : batches(data, cfg, rnd)) {
                            int b = batch.length;
                            float[] xb = new float[b * per];
                            float[] yb = new float[b * 2];
                            fill(data, batch, xb, yb, per);
                            if (cfg.mixupAlpha() > 0) {
                                float[] mixed = new float[b * per];
                                mixup(xb, yb, b, per, beta(cfg.mixupAlpha(), rnd), permutation(b, rnd), mixed);
                                xb = mixed;
                            }
                            try (NDManager m = trainer.getManager().newSubManager();
                                    GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray xa = m.create(xb, new Shape(b, data.channels(), data.samples()));
                                NDArray ya = m.create(yb, new Shape(b, 2));
                                NDList out = trainer.forward(new NDList(xa));
                                NDArray loss = trainer.getLoss().evaluate(new NDList(ya), out);
                                lossSum += loss.getFloat() * b;
                                gc.backward(loss);
                            }
                            trainer.step();
                        }
                        if (!Double.isFinite(lossSum)) {
                            throw new IllegalStateException("training diverged: loss is " + lossSum + " in epoch "
                                    + (epoch + 1)
                                    + " (learning rate " + learningRate
                                    + "); lower the learning rate or change the seed");
                        }
                        progress.report(String.format(
                                "epoch %d/%d  loss %.4f  %.1f s",
                                epoch + 1, epochs, lossSum / n, (System.nanoTime() - t0) / 1e9));
                        progress.epochDone(epoch + 1, epochs);
                        if (best != null) {
                            best.offer(net, trainer, epoch + 1);
                        }
                    }
                    if (best != null) {
                        progress.report(String.format(
                                "early stopping: epoch %d of %d, held-out accuracy %.3f",
                                best.epoch(), epochs, best.accuracy()));
                        return best.parameters();
                    }
                }
                return save(net);
            }
        }
    }

    /** Mini-batches of trial indices: shuffled, per subject when subject-wise, never a batch of one (batch norm). */
    static List<int[]> batches(Data data, Recipe cfg, Random rnd) {
        List<int[]> pools = new ArrayList<>();
        if (cfg.groupBatches()) {
            int groups = 0;
            for (int g : data.groups()) {
                groups = Math.max(groups, g + 1);
            }
            for (int g = 0; g < groups; g++) {
                final int gg = g;
                int[] members = IntStream.range(0, data.size())
                        .filter(i -> data.groups()[i] == gg)
                        .toArray();
                if (members.length > 0) {
                    pools.add(members);
                }
            }
        } else {
            pools.add(IntStream.range(0, data.size()).toArray());
        }
        List<int[]> out = new ArrayList<>();
        for (int[] pool : pools) {
            int[] order = pool.clone();
            shuffle(order, rnd);
            int start = 0;
            while (start < order.length) {
                int end = Math.min(order.length, start + cfg.batch());
                if (order.length - end == 1) {
                    end = order.length;
                }
                if (end - start >= 2) {
                    out.add(Arrays.copyOfRange(order, start, end));
                }
                start = end;
            }
        }
        List<int[]> shuffled = new ArrayList<>(out);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int[] tmp = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, tmp);
        }
        return shuffled;
    }

    private static void fill(Data data, int[] batch, float[] xb, float[] yb, int per) {
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(data.x(), batch[i] * per, xb, i * per, per);
            int y = data.labels()[batch[i]];
            yb[2 * i] = y == 0 ? 1f : 0f;
            yb[2 * i + 1] = y == 1 ? 1f : 0f;
        }
    }

    /** {@code x_i ← λ x_i + (1-λ) x_{π(i)}}, labels alike; x goes to {@code out}, labels are mixed in place. */
    static void mixup(float[] x, float[] y, int b, int per, double lambda, int[] perm, float[] out) {
        float l = (float) lambda;
        for (int i = 0; i < b; i++) {
            int j = perm[i];
            for (int k = 0; k < per; k++) {
                out[i * per + k] = l * x[i * per + k] + (1 - l) * x[j * per + k];
            }
        }
        float[] y0 = Arrays.copyOf(y, 2 * b);
        for (int i = 0; i < b; i++) {
            int j = perm[i];
            y[2 * i] = l * y0[2 * i] + (1 - l) * y0[2 * j];
            y[2 * i + 1] = l * y0[2 * i + 1] + (1 - l) * y0[2 * j + 1];
        }
    }

    /** Beta(α, α) as G1 / (G1 + G2) of two Gamma(α) draws (Marsaglia and Tsang 2000). */
    static double beta(double alpha, Random rnd) {
        double g1 = gamma(alpha, rnd);
        double g2 = gamma(alpha, rnd);
        return g1 / (g1 + g2);
    }

    private static double gamma(double alpha, Random rnd) {
        if (alpha < 1) {
            return gamma(alpha + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / alpha);
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rnd.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rnd);
        return p;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    public static void load(SequentialBlock net, NDManager manager, byte[] params) {
        try {
            net.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(params)));
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("DJL parameters do not fit this network: " + e.getMessage(), e);
        }
    }

    public static byte[] save(SequentialBlock net) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream dos = new DataOutputStream(bos)) {
            net.saveParameters(dos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }
}
