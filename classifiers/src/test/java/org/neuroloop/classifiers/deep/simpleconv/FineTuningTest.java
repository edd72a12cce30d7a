package org.neuroloop.classifiers.deep.simpleconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.deep.BatchNormAdaptation;
import org.neuroloop.classifiers.deep.NetworkTrainer;
import org.neuroloop.classifiers.deep.TrainingProgress;

/**
 * The parts of fine-tuning, on the tiny synthetic subjects of {@link SimpleConvModelTest}: head-only training leaves
 * the convolutions bit-identical, batch-norm adaptation changes only running statistics, early stopping never
 * returns worse held-out accuracy than it started with, and the hold-out is stratified and disjoint.
 */
class FineTuningTest {

    static final SimpleConvConfig TINY = SimpleConvModelTest.TINY;

    /** Every parameter of the network after loading {@code bytes}, by name, with its type. */
    static Map<String, Pair<Parameter.Type, float[]>> parameters(SimpleConvModel m, byte[] bytes) {
        SequentialBlock net = SimpleConvNet.build(m.config());
        Map<String, Pair<Parameter.Type, float[]>> out = new LinkedHashMap<>();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, m.channels().size(), m.networkSamples()));
            NetworkTrainer.load(net, manager, bytes);
            for (Pair<String, Parameter> p : net.getParameters()) {
                out.put(
                        p.getKey(),
                        new Pair<>(
                                p.getValue().getType(), p.getValue().getArray().toFloatArray()));
            }
        }
        return out;
    }

    static NetworkTrainer.Data data(SimpleConvModel m, SubjectTrials s) {
        int n = s.trials().size();
        return new NetworkTrainer.Data(
                m.inputs(s.aligned()),
                m.channels().size(),
                m.networkSamples(),
                s.trials().labels(),
                new int[n]);
    }

    static byte[] bytes(SimpleConvModel m) {
        return m.parameters();
    }

    @Test
    void headOnlyTrainingKeepsTheConvolutions() {
        SimpleConvModel pre = SimpleConvModelTest.pretrain(TINY.withSchedule(3, 0));
        SubjectTrials target = SimpleConvModelTest.subject("S103", 20, 3);
        byte[] tuned = NetworkTrainer.train(
                () -> SimpleConvNet.build(pre.config()),
                new NetworkTrainer.Recipe(8, 0, false, 1),
                bytes(pre),
                data(pre, target),
                3,
                1e-2f,
                new NetworkTrainer.Tuning(b -> b instanceof Convolution, null),
                TrainingProgress.SILENT);
        Map<String, Pair<Parameter.Type, float[]>> before = parameters(pre, bytes(pre));
        Map<String, Pair<Parameter.Type, float[]>> after = parameters(pre, tuned);
        int convs = 0;
        int moved = 0;
        for (String name : before.keySet()) {
            boolean same =
                    Arrays.equals(before.get(name).getValue(), after.get(name).getValue());
            if (name.contains("Conv1d")) {
                convs++;
                assertTrue(same, name + " changed although frozen");
            } else if (!same) {
                moved++;
            }
        }
        assertEquals(2, convs, "the tiny network's convolutions: " + before.keySet());
        assertTrue(moved >= 3, "head and batch norms trained: " + moved + " of " + before.keySet());

        FineTuning head = new FineTuning(3, 1e-2f, FineTuning.Layers.HEAD, false, 0, false);
        SimpleConvModel tunedModel = pre.fineTune(
                target.aligned(), target.trials().labels(), target.alignment(), head, TrainingProgress.SILENT);
        Map<String, Pair<Parameter.Type, float[]>> kept = parameters(pre, tunedModel.parameters());
        int trained = 0;
        for (String name : before.keySet()) {
            Parameter.Type type = before.get(name).getKey();
            boolean same =
                    Arrays.equals(before.get(name).getValue(), kept.get(name).getValue());
            if (name.contains("Conv1d") || type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                assertTrue(same, name + " changed by head-only fine-tuning");
            } else if (!same) {
                trained++;
            }
        }
        assertTrue(trained >= 3, "head-only fine-tuning trained " + trained + " parameters");
    }

    @Test
    void batchNormAdaptationChangesOnlyRunningStatistics() {
        SimpleConvModel pre = SimpleConvModelTest.pretrain(TINY.withSchedule(3, 0));
        SubjectTrials target = SimpleConvModelTest.subject("S104", 7, 4);
        byte[] adapted =
                BatchNormAdaptation.adapt(() -> SimpleConvNet.build(pre.config()), bytes(pre), data(pre, target));
        Map<String, Pair<Parameter.Type, float[]>> before = parameters(pre, bytes(pre));
        Map<String, Pair<Parameter.Type, float[]>> after = parameters(pre, adapted);
        int running = 0;
        for (String name : before.keySet()) {
            Parameter.Type type = before.get(name).getKey();
            boolean same =
                    Arrays.equals(before.get(name).getValue(), after.get(name).getValue());
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                running++;
                assertFalse(same, name + " not re-estimated");
            } else {
                assertTrue(same, name + " changed by batch-norm adaptation");
            }
        }
        assertEquals(4, running, "two batch norms, mean and variance each");
        assertArrayEquals(
                adapted,
                BatchNormAdaptation.adapt(() -> SimpleConvNet.build(pre.config()), bytes(pre), data(pre, target)),
                "deterministic");
    }

    @Test
    void earlyStoppingNeverEndsBelowItsStartOnTheHeldOutTrials() {
        SimpleConvModel pre = SimpleConvModelTest.pretrain(TINY.withSchedule(3, 0));
        SubjectTrials target = SimpleConvModelTest.subject("S105", 3, 5);
        FineTuning how = new FineTuning(6, 0.5f, FineTuning.Layers.ALL, false, 0.25, false);
        int[][] parts = how.holdOut(target.trials().labels(), 42);
        NetworkTrainer.Data all = data(pre, target);
        NetworkTrainer.Data held = all.subset(parts[1]);
        byte[] best = NetworkTrainer.train(
                () -> SimpleConvNet.build(pre.config()),
                new NetworkTrainer.Recipe(8, 0, false, 1),
                bytes(pre),
                all.subset(parts[0]),
                6,
                0.5f, // a step this large wrecks the network within a few epochs
                new NetworkTrainer.Tuning(null, held),
                TrainingProgress.SILENT);
        byte[] last = NetworkTrainer.train(
                () -> SimpleConvNet.build(pre.config()),
                new NetworkTrainer.Recipe(8, 0, false, 1),
                bytes(pre),
                all.subset(parts[0]),
                6,
                0.5f,
                TrainingProgress.SILENT);
        double start = accuracy(pre, bytes(pre), held);
        double chosen = accuracy(pre, best, held);
        assertTrue(chosen >= start, "held-out accuracy " + chosen + " below the start's " + start);
        assertTrue(chosen >= accuracy(pre, last, held), "the last epoch beat the chosen one");
    }

    static double accuracy(SimpleConvModel m, byte[] params, NetworkTrainer.Data d) {
        SimpleConvModel with = m.withParameters(params, null);
        double[] p = new double[d.size()];
        try (var net = with.inference()) {
            net.predictProba1(d.x(), d.size(), p);
        }
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += (p[i] > 0.5 ? 1 : 0) == d.labels()[i] ? 1 : 0;
        }
        return (double) correct / p.length;
    }

    @Test
    void holdOutIsStratifiedAndDisjoint() {
        int[] labels = IntStream.range(0, 36).map(i -> i < 20 ? 0 : 1).toArray();
        FineTuning how = new FineTuning(10, 1e-4f, FineTuning.Layers.HEAD, false, 0.2, false);
        int[][] parts = how.holdOut(labels, 7);
        assertEquals(36, parts[0].length + parts[1].length);
        assertEquals(4, Arrays.stream(parts[1]).filter(i -> labels[i] == 0).count());
        assertEquals(3, Arrays.stream(parts[1]).filter(i -> labels[i] == 1).count());
        assertTrue(
                Arrays.stream(parts[0]).noneMatch(i -> Arrays.stream(parts[1]).anyMatch(j -> j == i)));
        assertEquals(List.of(parts[1][0]), List.of(how.holdOut(labels, 7)[1][0]), "seeded");
    }
}
