package org.neuroloop.classifiers.deep.simpleconv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Size and training schedule of a {@link SimpleConvNet}, sized so that pretraining on 19 EEGMMIDB subjects (855
 * trials of 64 channels) fits in a few minutes on two cores.
 *
 * @param filters feature maps of every convolution
 * @param kernel temporal kernel length in samples (at {@code resampleHz})
 * @param blocks max-pool + convolution blocks after the first convolution
 * @param resampleHz rate the epochs are resampled to before the network (0: keep the recording's rate)
 * @param epochs pretraining passes over all trials
 * @param batch mini-batch size
 * @param learningRate Adam step size of pretraining
 * @param mixupAlpha Beta(α, α) of Mixup between trials of a batch (0: no Mixup)
 * @param subjectBatches every mini-batch holds one subject's trials, so batch norm sees per-subject statistics
 * @param fineTuneEpochs passes over the target's training fold when fine-tuning
 * @param fineTuneLearningRate Adam step size of fine-tuning
 * @param seed seed of initialisation, batch order and Mixup draws
 */
public record SimpleConvConfig(
        int filters,
        int kernel,
        int blocks,
        double resampleHz,
        int epochs,
        int batch,
        float learningRate,
        double mixupAlpha,
        boolean subjectBatches,
        int fineTuneEpochs,
        float fineTuneLearningRate,
        int seed) {

    /** 32 maps, kernel 8, 2 blocks, 80 Hz, 40 epochs of 32, Adam 1e-3, Mixup α 0.4, subject batches,
     * 30 fine-tune epochs. */
    public static final SimpleConvConfig DEFAULT =
            new SimpleConvConfig(32, 8, 2, 80, 40, 32, 1e-3f, 0.4, true, 30, 3e-4f, 42);

    public SimpleConvConfig {
        if (filters < 1 || kernel < 1 || blocks < 0 || epochs < 0 || batch < 2 || fineTuneEpochs < 0) {
            throw new IllegalArgumentException("simpleconv: filters, kernel >= 1, blocks, epochs, fine-tune epochs >= 0"
                    + " and batch >= 2,"
                    + " got " + filters + ", " + kernel + ", " + blocks + ", " + epochs + ", " + fineTuneEpochs + ", "
                    + batch);
        }
        if (!(learningRate > 0) || !(fineTuneLearningRate > 0) || !(mixupAlpha >= 0) || !(resampleHz >= 0)) {
            throw new IllegalArgumentException(
                    "simpleconv: learning rates > 0, mixup alpha >= 0 and resample rate >= 0,"
                            + " got "
                            + learningRate + ", " + fineTuneLearningRate + ", " + mixupAlpha + ", " + resampleHz);
        }
    }

    public SimpleConvConfig withSchedule(int newEpochs, int newFineTuneEpochs) {
        return new SimpleConvConfig(
                filters,
                kernel,
                blocks,
                resampleHz,
                newEpochs,
                batch,
                learningRate,
                mixupAlpha,
                subjectBatches,
                newFineTuneEpochs,
                fineTuneLearningRate,
                seed);
    }

    public SimpleConvConfig withSize(int newFilters, int newKernel, int newBlocks, double newResampleHz) {
        return new SimpleConvConfig(
                newFilters,
                newKernel,
                newBlocks,
                newResampleHz,
                epochs,
                batch,
                learningRate,
                mixupAlpha,
                subjectBatches,
                fineTuneEpochs,
                fineTuneLearningRate,
                seed);
    }

    public SimpleConvConfig withRecipe(double newMixupAlpha, boolean newSubjectBatches, int newSeed) {
        return new SimpleConvConfig(
                filters,
                kernel,
                blocks,
                resampleHz,
                epochs,
                batch,
                learningRate,
                newMixupAlpha,
                newSubjectBatches,
                fineTuneEpochs,
                fineTuneLearningRate,
                newSeed);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("filters", filters);
        o.put("kernel", kernel);
        o.put("blocks", blocks);
        o.put("resample_hz", resampleHz);
        o.put("epochs", epochs);
        o.put("batch", batch);
        o.put("learning_rate", learningRate);
        o.put("mixup_alpha", mixupAlpha);
        o.put("subject_batches", subjectBatches);
        o.put("fine_tune_epochs", fineTuneEpochs);
        o.put("fine_tune_learning_rate", fineTuneLearningRate);
        o.put("seed", seed);
        return o;
    }

    static SimpleConvConfig fromJson(JsonNode o) {
        return new SimpleConvConfig(
                required(o, "filters").asInt(),
                required(o, "kernel").asInt(),
                required(o, "blocks").asInt(),
                required(o, "resample_hz").asDouble(),
                required(o, "epochs").asInt(),
                required(o, "batch").asInt(),
                (float) required(o, "learning_rate").asDouble(),
                required(o, "mixup_alpha").asDouble(),
                required(o, "subject_batches").asBoolean(),
                required(o, "fine_tune_epochs").asInt(),
                (float) required(o, "fine_tune_learning_rate").asDouble(),
                required(o, "seed").asInt());
    }

    static JsonNode required(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("simpleconv model: missing field '" + name + "'");
        }
        return n;
    }
}
