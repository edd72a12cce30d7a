package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroloop.classifiers.mi.CrossValidation;
import org.neuroloop.classifiers.mi.FoldsFile;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.Split;
import org.neuroloop.classifiers.mi.TrialSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code neuroloop evaluate mi}: cross-validated accuracy and ROC AUC (second label positive) of a motor-imagery
 * pipeline, over a folds file or repeated stratified k-fold; or train on some recordings and score on others.
 */
@Command(name = "mi", mixinStandardHelpOptions = true,
        description = "Evaluate a motor-imagery pipeline: cross-validation (--recording with --folds or --kfold) or --train/--test.")
public final class EvaluateMiCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--recording", arity = "1..*", description = "Recordings to cross-validate on.")
    List<Path> recordings;

    @Option(names = "--folds", description = "Folds file (format of ../shared/folds/*.json).")
    Path folds;

    @Option(names = "--kfold", defaultValue = "5", description = "Folds per repeat when no --folds (default: ${DEFAULT-VALUE}).")
    int kfold;

    @Option(names = "--repeats", defaultValue = "10", description = "Repeats when no --folds (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed when no --folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", arity = "1..*", description = "Training recordings (with --test).")
    List<Path> train;

    @Option(names = "--test", arity = "1..*", description = "Test recordings (with --train); each is one session.")
    List<Path> test;

    @Option(names = "--recenter", description = "Unsupervised Riemannian re-centering of each recording by its own mean.")
    boolean recenter;

    @Mixin
    MiOptions options;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try {
            return execute();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private Integer execute() throws Exception {
        PipelineSpec spec = options.spec(recenter);
        double acc;
        double accStd;
        double auc;
        double aucStd;
        int trials;
        int nFolds;
        String mode;
        if (train != null || test != null) {
            if (train == null || test == null || recordings != null || folds != null) {
                throw new ParameterException(commandSpec.commandLine(), "--train and --test go together, without --recording/--folds");
            }
            TrialSet tr = options.trials(train);
            TrialSet te = options.trials(test);
            MotorImageryModel model = MotorImageryModel.train(spec, tr, options.band(), options.window());
            model.requireCompatible(te.channels(), te.fs(), "--test " + te.sessionNames());
            CrossValidation.Score s = CrossValidation.score(model.pipeline(), te);
            acc = s.accuracy();
            auc = s.auc();
            accStd = 0;
            aucStd = 0;
            trials = te.size();
            nFolds = 1;
            mode = "train " + tr.sessionNames() + " (" + tr.size() + " trials) / test " + te.sessionNames();
        } else {
            if (recordings == null) {
                throw new ParameterException(commandSpec.commandLine(), "give --recording FILE... (cross-validation) or --train/--test");
            }
            TrialSet set = options.trials(recordings);
            List<Split> splits = folds != null ? CrossValidation.splits(FoldsFile.read(folds), set)
                    : CrossValidation.splits(set.labels(), kfold, repeats, seed);
            CrossValidation.Result r = CrossValidation.run(spec, set, splits);
            acc = r.meanAccuracy();
            accStd = r.stdAccuracy();
            auc = r.meanAuc();
            aucStd = r.stdAuc();
            trials = set.size();
            nFolds = r.folds();
            mode = folds != null ? "folds " + folds : kfold + "-fold x " + repeats + " (seed " + seed + ")";
        }
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("pipeline", spec.name());
            o.put("description", spec.describe());
            o.put("recenter", spec.recenter());
            o.put("accuracy", acc);
            o.put("accuracy_std", accStd);
            o.put("auc", auc);
            o.put("auc_std", aucStd);
            o.put("n_trials", trials);
            o.put("n_folds", nFolds);
            o.put("mode", mode);
            System.out.println(o);
        } else {
            System.out.printf("%s  %s%n  accuracy %.4f ± %.4f   AUC %.4f ± %.4f   (%d trials, %d folds)%n", spec.describe(), mode, acc, accStd,
                    auc, aucStd, trials, nFolds);
        }
        return 0;
    }
}
