package org.neuroloop.classifiers.deep.simpleconv;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How a pretrained {@link SimpleConvNet} is fitted to a target subject's labelled training trials.
 *
 * @param epochs passes over the training trials (0: no gradient steps)
 * @param learningRate Adam step size
 * @param layers which parameters the gradient steps change
 * @param adaptBatchNorm first re-estimate every batch norm's running mean and variance on the target's training
 *     trials (subject-wise statistics, as the subject-wise batches of pretraining saw them; no labels used)
 * @param validationFraction share of the training trials held out (stratified) to pick the epoch with the best
 *     held-out accuracy, epoch 0 included (early stopping); 0: train all epochs on all training trials
 * @param alignOnTrainingFold align the target from its training trials only (else from all its trials, no labels)
 */
public record FineTuning(
        int epochs,
        float learningRate,
        Layers layers,
        boolean adaptBatchNorm,
        double validationFraction,
        boolean alignOnTrainingFold) {

    /** Which parameters fine-tuning trains. */
    public enum Layers {
        /** every parameter */
        ALL,
        /**
         * the dense head and the batch norms' scale and shift; the convolutions and the batch norms' running
         * statistics stay as pretrained (or as {@link FineTuning#adaptBatchNorm()} re-estimated them)
         */
        HEAD;

        public static Layers parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fine-tuning layers: 'all' or 'head', got '" + s + "'");
            }
        }
    }

    /**
     * The default: the best fine-tuning recipe of the S001 comparison (README, "Deep decoders"): the head only, 10
     * epochs at 3e-4, pretrained convolutions and batch-norm statistics. On S001 no recipe beat alignment alone
     * (0 epochs); this one came closest to it.
     */
    public static final FineTuning DEFAULT = new FineTuning(10, 3e-4f, Layers.HEAD, false, 0, false);

    public FineTuning {
        if (epochs < 0 || !(learningRate > 0) || !(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("fine-tuning: epochs >= 0, learning rate > 0 and validation fraction"
                    + " in [0, 1), got " + epochs + ", " + learningRate + ", " + validationFraction);
        }
        if (layers == null) {
            throw new IllegalArgumentException("fine-tuning: layers missing");
        }
    }

    /** Plain fine-tuning with the schedule a {@link SimpleConvConfig} carries. */
    public static FineTuning of(SimpleConvConfig c) {
        return new FineTuning(c.fineTuneEpochs(), c.fineTuneLearningRate(), Layers.ALL, false, 0, false);
    }

    public FineTuning withEpochs(int e) {
        return new FineTuning(e, learningRate, layers, adaptBatchNorm, validationFraction, alignOnTrainingFold);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("epochs", epochs);
        o.put("learning_rate", learningRate);
        o.put("layers", layers.name().toLowerCase(Locale.ROOT));
        o.put("adapt_batch_norm", adaptBatchNorm);
        o.put("validation_fraction", validationFraction);
        o.put("align_on_training_fold", alignOnTrainingFold);
        return o;
    }

    /**
     * Stratified hold-out of {@link #validationFraction} of the trials: {@code [training indices, held-out
     * indices]}, each class shuffled with {@code seed} and at least one trial of each class held out.
     */
    public int[][] holdOut(int[] labels, long seed) {
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int c = 0; c <= 1; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, rnd);
            int k = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(validationFraction * members.size()));
            held.addAll(members.subList(0, k));
            train.addAll(members.subList(k, members.size()));
        }
        Collections.sort(train);
        Collections.sort(held);
        return new int[][] {
            train.stream().mapToInt(Integer::intValue).toArray(),
            held.stream().mapToInt(Integer::intValue).toArray()
        };
    }
}
