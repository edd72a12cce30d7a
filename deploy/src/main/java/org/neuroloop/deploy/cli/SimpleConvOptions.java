package org.neuroloop.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroloop.classifiers.deep.simpleconv.FineTuning;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvConfig;
import picocli.CommandLine.Option;

/** Options of the {@code simpleconv} pipeline: subject grouping, network size and training schedule. */
final class SimpleConvOptions {

    /** EEGMMIDB naming: {@code S006R04.edf} is subject {@code S006}. */
    static final Pattern SUBJECT = Pattern.compile("^(S\\d+)R\\d+");

    @Option(
            names = "--subject",
            description = "Subject name of all given recordings (default: from each file name, S006R04.edf -> S006).")
    String subject;

    @Option(names = "--epochs", description = "simpleconv pretraining epochs (default: 40).")
    Integer epochs;

    @Option(
            names = "--fine-tune-epochs",
            description = "simpleconv fine-tuning epochs per training fold (default: the recipe's).")
    Integer fineTuneEpochs;

    @Option(names = "--fine-tune-lr", description = "simpleconv fine-tuning Adam step size (default: the recipe's).")
    Float fineTuneLearningRate;

    @Option(
            names = "--fine-tune-layers",
            description =
                    "simpleconv fine-tuning trains 'all' parameters or only the 'head' (dense layer and batch-norm"
                            + " scale/shift; convolutions frozen) (default: the recipe's).")
    String fineTuneLayers;

    @Option(
            names = "--adapt-bn",
            negatable = true,
            description = "simpleconv fine-tuning first re-estimates the batch-norm statistics on the target's"
                    + " training trials (default: the recipe's).")
    Boolean adaptBatchNorm;

    @Option(
            names = "--early-stopping",
            paramLabel = "FRACTION",
            description = "simpleconv fine-tuning holds out this share of the training fold and keeps the epoch with"
                    + " the best held-out accuracy; 0 = off (default: the recipe's).")
    Double earlyStopping;

    @Option(
            names = "--align-on-training-fold",
            negatable = true,
            description = "simpleconv fine-tuning aligns the target from each training fold only, not from all its"
                    + " trials (default: the recipe's).")
    Boolean alignOnTrainingFold;

    @Option(names = "--filters", description = "simpleconv feature maps per convolution (default: 32).")
    Integer filters;

    @Option(names = "--resample", description = "simpleconv network rate in Hz, 0 = the recording's (default: 80).")
    Double resample;

    @Option(names = "--mixup", description = "simpleconv Mixup Beta(a, a) parameter, 0 = off (default: 0.4).")
    Double mixup;

    @Option(
            names = "--subject-batches",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "simpleconv: one subject per mini-batch, so batch norm sees per-subject statistics"
                    + " (default: on).")
    boolean subjectBatches;

    @Option(names = "--nn-seed", defaultValue = "42", description = "simpleconv seed (default: ${DEFAULT-VALUE}).")
    int seed;

    SimpleConvConfig config() {
        SimpleConvConfig d = SimpleConvConfig.DEFAULT;
        return d.withSize(
                        filters == null ? d.filters() : filters,
                        d.kernel(),
                        d.blocks(),
                        resample == null ? d.resampleHz() : resample)
                .withSchedule(
                        epochs == null ? d.epochs() : epochs,
                        fineTuneEpochs == null ? d.fineTuneEpochs() : fineTuneEpochs)
                .withRecipe(mixup == null ? d.mixupAlpha() : mixup, subjectBatches, seed);
    }

    /** The fine-tuning recipe: {@link FineTuning#DEFAULT} with the options given. */
    FineTuning fineTuning() {
        FineTuning d = FineTuning.DEFAULT;
        return new FineTuning(
                fineTuneEpochs == null ? d.epochs() : fineTuneEpochs,
                fineTuneLearningRate == null ? d.learningRate() : fineTuneLearningRate,
                fineTuneLayers == null ? d.layers() : FineTuning.Layers.parse(fineTuneLayers),
                adaptBatchNorm == null ? d.adaptBatchNorm() : adaptBatchNorm,
                earlyStopping == null ? d.validationFraction() : earlyStopping,
                alignOnTrainingFold == null ? d.alignOnTrainingFold() : alignOnTrainingFold);
    }

    /** Recordings grouped by subject, in order of first appearance. */
    Map<String, List<Path>> bySubject(List<Path> files) {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        for (Path f : files) {
            String s = subject;
            if (s == null) {
                Matcher m = SUBJECT.matcher(f.getFileName().toString());
                if (!m.find()) {
                    throw new IllegalArgumentException("--recording " + f
                            + ": cannot tell the subject from the file name (expected like "
                            + "S006R04.edf); give --subject NAME");
                }
                s = m.group(1);
            }
            out.computeIfAbsent(s, k -> new ArrayList<>()).add(f);
        }
        return out;
    }
}
