package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.deep.simpleconv.FineTuning;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvEvaluation;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SubjectTrials;
import org.neuroloop.classifiers.mi.CrossValidation;
import org.neuroloop.classifiers.mi.FoldsFile;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.Split;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.deploy.progress.TrainingBar;
import org.neuroloop.deploy.report.MiReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code neuroloop evaluate mi}: cross-validated accuracy and ROC AUC (second label positive) of a motor-imagery
 * pipeline, over a folds file or repeated stratified k-fold; or train on some recordings and score on others.
 */
@Command(
        name = "mi",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a motor-imagery pipeline: cross-validation (--recording with --folds or --kfold) or --train/--test.")
public final class EvaluateMiCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--recording", arity = "1..*", description = "Recordings to cross-validate on.")
    List<Path> recordings;

    @Option(names = "--folds", description = "Folds file (format of ../shared/folds/*.json).")
    Path folds;

    @Option(
            names = "--kfold",
            defaultValue = "5",
            description = "Folds per repeat when no --folds (default: ${DEFAULT-VALUE}).")
    int kfold;

    @Option(
            names = "--repeats",
            defaultValue = "10",
            description = "Repeats when no --folds (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Shuffle seed when no --folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", arity = "1..*", description = "Training recordings (with --test).")
    List<Path> train;

    @Option(names = "--test", arity = "1..*", description = "Test recordings (with --train); each is one session.")
    List<Path> test;

    @Option(
            names = "--recenter",
            description = "Unsupervised Riemannian re-centering of each recording by its own mean.")
    boolean recenter;

    @Option(
            names = "--pretrained",
            description = "simpleconv: a model from 'train mi --pipeline simpleconv'; fine-tuned per training fold.")
    Path pretrained;

    @Option(
            names = "--zero-shot",
            description = "With --pretrained: score all trials of the target with no target labels (alignment only).")
    boolean zeroShot;

    @Option(
            names = "--loso",
            description =
                    "Leave-one-subject-out over the subjects of --recording (with --folds-dir): simpleconv "
                            + "pretrained on the others then fine-tuned, or ts-lr cross-subject (re-centred, others pooled) and within-subject.")
    boolean loso;

    @Option(names = "--folds-dir", description = "With --loso: folder of per-subject folds files SUBJECT*.json.")
    Path foldsDir;

    @Option(
            names = "--loso-targets",
            split = ",",
            description = "With --loso: hold out only these subjects (all still pretrain"
                    + " the others' models), e.g. to spread one run over several processes.")
    List<String> losoTargets;

    @Option(names = "--splits", description = "Use only the first N splits of each folds file (default: all).")
    Integer splitLimit;

    @Mixin
    MiOptions options;

    @Mixin
    SimpleConvOptions simpleConv;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description =
                    "Also write an HTML report: per-fold accuracy,"
                            + " confusion matrix, ROC and class-mean covariance maps as scalp topographies (covariance pipelines).")
    Path report;

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
        if (report != null && (loso || pretrained != null || CrossSubjectMi.SIMPLECONV.equals(options.pipeline))) {
            throw new ParameterException(
                    commandSpec.commandLine(),
                    "--report is written for cross-validation and"
                            + " --train/--test of the covariance pipelines, not for --loso or simpleconv");
        }
        if (loso) {
            return runLoso();
        }
        if (pretrained != null || CrossSubjectMi.SIMPLECONV.equals(options.pipeline)) {
            return evaluatePretrained();
        }
        PipelineSpec spec = options.spec(recenter);
        MiReport miReport = null;
        double acc;
        double accStd;
        double auc;
        double aucStd;
        int trials;
        int nFolds;
        String mode;
        if (train != null || test != null) {
            if (train == null || test == null || recordings != null || folds != null) {
                throw new ParameterException(
                        commandSpec.commandLine(), "--train and --test go together, without --recording/--folds");
            }
            TrialSet tr = options.trials(train);
            TrialSet te = options.trials(test);
            MotorImageryModel model = MotorImageryModel.train(spec, tr, options.band(), options.window());
            model.requireCompatible(te.channels(), te.fs(), "--test " + te.sessionNames());
            double[][] proba = model.pipeline().predictProba(te.epochs(), te.sessions());
            CrossValidation.Score s = CrossValidation.score(proba, te.labels());
            mode = "train " + tr.sessionNames() + " (" + tr.size() + " trials) / test " + te.sessionNames();
            if (report != null) {
                miReport = new MiReport(spec.describe(), mode, te);
                miReport.listener().onSplit(0, 1, te, proba, s);
            }
            acc = s.accuracy();
            auc = s.auc();
            accStd = 0;
            aucStd = 0;
            trials = te.size();
            nFolds = 1;
        } else {
            if (recordings == null) {
                throw new ParameterException(
                        commandSpec.commandLine(), "give --recording FILE... (cross-validation) or --train/--test");
            }
            TrialSet set = options.trials(recordings);
            List<Split> splits = folds != null
                    ? CrossValidation.splits(FoldsFile.read(folds), set)
                    : CrossValidation.splits(set.labels(), kfold, repeats, seed);
            mode = folds != null ? "folds " + folds : kfold + "-fold x " + repeats + " (seed " + seed + ")";
            miReport = report == null ? null : new MiReport(spec.describe(), mode, set);
            CrossValidation.SplitListener collect =
                    miReport == null ? (i, n, test, proba, score) -> {} : miReport.listener();
            CrossValidation.Result r;
            try (Progress progress = Progress.start("evaluate " + spec.name(), splits.size(), "splits")) {
                r = CrossValidation.run(spec, set, splits, (i, n, test, proba, score) -> {
                    collect.onSplit(i, n, test, proba, score);
                    progress.stepTo(i + 1);
                });
            }
            acc = r.meanAccuracy();
            accStd = r.stdAccuracy();
            auc = r.meanAuc();
            aucStd = r.stdAuc();
            trials = set.size();
            nFolds = r.folds();
        }
        if (miReport != null) {
            miReport.page().write(report);
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
            System.out.printf(
                    "%s  %s%n  accuracy %.4f ± %.4f   AUC %.4f ± %.4f   (%d trials, %d folds)%n",
                    spec.describe(), mode, acc, accStd, auc, aucStd, trials, nFolds);
        }
        return 0;
    }

    private Integer runLoso() throws Exception {
        if (recordings == null || foldsDir == null || folds != null || pretrained != null || train != null) {
            throw new ParameterException(
                    commandSpec.commandLine(),
                    "--loso needs --recording FILE... and --folds-dir DIR" + " (no --folds, --pretrained, --train)");
        }
        if (!CrossSubjectMi.SIMPLECONV.equals(options.pipeline) && !"ts-lr".equals(options.pipeline)) {
            throw new ParameterException(
                    commandSpec.commandLine(), "--loso runs --pipeline simpleconv or ts-lr, not " + options.pipeline);
        }
        CrossSubjectMi cross = new CrossSubjectMi(options, simpleConv);
        List<SubjectTrials> subjects = cross.subjects(recordings);
        if (subjects.size() < 2) {
            throw new IllegalArgumentException("--loso: the recordings hold one subject ("
                    + subjects.get(0).subject() + "), need two or more");
        }
        if (losoTargets != null) {
            List<String> known = subjects.stream().map(SubjectTrials::subject).toList();
            for (String t : losoTargets) {
                if (!known.contains(t)) {
                    throw new IllegalArgumentException(
                            "--loso-targets: subject " + t + " is not among the recordings' subjects " + known);
                }
            }
        }
        ObjectNode o = cross.loso(options.pipeline, subjects, foldsDir, splitLimit, losoTargets);
        if (json) {
            System.out.println(o);
        } else {
            System.out.println(o.toPrettyString());
        }
        return 0;
    }

    private Integer evaluatePretrained() throws Exception {
        if (pretrained == null || recordings == null || train != null) {
            throw new ParameterException(
                    commandSpec.commandLine(),
                    "--pipeline simpleconv evaluates a --pretrained model on --recording FILE...");
        }
        if (zeroShot == (folds != null)) {
            throw new ParameterException(
                    commandSpec.commandLine(),
                    "with --pretrained give either --folds FOLDS.json (fine-tune per fold)" + " or --zero-shot");
        }
        SimpleConvModel model = SimpleConvModel.load(pretrained);
        FineTuning how = simpleConv.fineTuning();
        CrossSubjectMi cross = new CrossSubjectMi(options, simpleConv);
        List<SubjectTrials> subjects = cross.subjects(recordings);
        if (subjects.size() != 1) {
            throw new IllegalArgumentException("--recording: files of " + subjects.size()
                    + " subjects given; evaluate one target subject" + " (or use --subject NAME)");
        }
        SubjectTrials target = subjects.get(0);
        boolean leak = model.subjects().contains(target.subject());
        if (leak) {
            System.err.println(
                    "warning: subject " + target.subject() + " is among the pretraining subjects of " + pretrained);
        }
        double acc;
        double accStd = 0;
        double auc;
        int nFolds = 1;
        if (zeroShot) {
            CrossValidation.Score s = SimpleConvEvaluation.zeroShot(model, target);
            acc = s.accuracy();
            auc = s.auc();
        } else {
            List<Split> splits =
                    CrossSubjectMi.first(CrossValidation.splits(FoldsFile.read(folds), target.trials()), splitLimit);
            CrossValidation.Result r;
            try (TrainingBar bar = new TrainingBar("fine-tune per split", (long) splits.size() * how.epochs())) {
                r = SimpleConvEvaluation.fineTuned(model, target, splits, how, bar);
            }
            acc = r.meanAccuracy();
            accStd = r.stdAccuracy();
            auc = r.meanAuc();
            nFolds = r.folds();
        }
        String mode = zeroShot ? "zero-shot" : "fine-tuned on folds " + folds;
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("pipeline", CrossSubjectMi.SIMPLECONV);
            o.put("subject", target.subject());
            o.put("pretrained_subjects", String.join(",", model.subjects()));
            o.put("target_in_pretraining", leak);
            o.put("accuracy", acc);
            o.put("accuracy_std", accStd);
            o.put("auc", auc);
            o.put("n_trials", target.trials().size());
            o.put("n_folds", nFolds);
            o.put("mode", mode);
            if (!zeroShot) {
                o.set("fine_tuning", how.toJson());
            }
            System.out.println(o);
        } else {
            System.out.printf(
                    "simpleconv %s, subject %s: accuracy %.4f ± %.4f   AUC %.4f   (%d trials, %d folds)%n",
                    mode, target.subject(), acc, accStd, auc, target.trials().size(), nFolds);
        }
        return 0;
    }
}
