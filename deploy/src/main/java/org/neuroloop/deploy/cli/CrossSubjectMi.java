package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.deep.simpleconv.FineTuning;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvConfig;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvEvaluation;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SubjectTrials;
import org.neuroloop.classifiers.mi.CrossSubjectTangentSpace;
import org.neuroloop.classifiers.mi.CrossValidation;
import org.neuroloop.classifiers.mi.FoldsFile;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.Split;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.deploy.progress.TrainingBar;

/**
 * The cross-subject motor-imagery protocol behind {@code train mi --pipeline simpleconv} and
 * {@code evaluate mi --pretrained | --loso}: recordings grouped by subject, simpleconv pretraining, fine-tuning and
 * zero-shot scoring, and cross-subject {@code ts-lr} under the same splits.
 */
final class CrossSubjectMi {

    static final String SIMPLECONV = "simpleconv";

    private final MiOptions mi;
    private final SimpleConvOptions nn;
    private final TrainingProgress progress = Progress::note;

    CrossSubjectMi(MiOptions mi, SimpleConvOptions nn) {
        this.mi = mi;
        this.nn = nn;
    }

    List<SubjectTrials> subjects(List<Path> recordings) throws IOException {
        List<SubjectTrials> out = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : nn.bySubject(recordings).entrySet()) {
            out.add(SubjectTrials.of(e.getKey(), mi.trials(e.getValue())));
        }
        return out;
    }

    SimpleConvModel pretrain(List<SubjectTrials> subjects) {
        SimpleConvConfig cfg = nn.config();
        int n = subjects.stream().mapToInt(s -> s.trials().size()).sum();
        progress.report(String.format(
                "simpleconv: pretraining on %d subjects (%d trials), %d epochs", subjects.size(), n, cfg.epochs()));
        long t0 = System.nanoTime();
        SimpleConvModel m;
        try (TrainingBar bar = new TrainingBar("simpleconv pretraining", cfg.epochs())) {
            m = SimpleConvModel.pretrain(cfg, subjects, mi.band(), mi.window(), bar);
        }
        progress.report(String.format("simpleconv: pretrained in %.1f s", (System.nanoTime() - t0) / 1e9));
        return m;
    }

    /** The folds file in {@code dir} that describes exactly this subject's trials ({@code SUBJECT*.json}). */
    static List<Split> foldsFor(Path dir, SubjectTrials s) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--folds-dir: no such directory " + dir);
        }
        List<String> tried = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, s.subject() + "*.json")) {
            for (Path f : files) {
                try {
                    return CrossValidation.splits(FoldsFile.read(f), s.trials());
                } catch (IllegalArgumentException e) {
                    tried.add(f.getFileName() + " (" + e.getMessage() + ")");
                }
            }
        }
        throw new IllegalArgumentException("--folds-dir " + dir + ": no " + s.subject() + "*.json matches subject "
                + s.subject()
                + "'s trials; tried " + tried);
    }

    static List<Split> first(List<Split> splits, Integer limit) {
        return limit == null || limit >= splits.size() ? splits : splits.subList(0, limit);
    }

    /** Leave-one-subject-out: per subject, the pipeline's columns of the table, as one JSON object. */
    ObjectNode loso(
            String pipeline, List<SubjectTrials> subjects, Path foldsDir, Integer splitLimit, List<String> targets)
            throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("protocol", "leave-one-subject-out");
        root.put("pipeline", pipeline);
        if (SIMPLECONV.equals(pipeline)) {
            root.set("config", om.valueToTree(nn.config()));
            root.set("fine_tuning", nn.fineTuning().toJson());
        }
        ArrayNode rows = root.putArray("subjects");
        List<double[][]> vectors = new ArrayList<>();
        if (!SIMPLECONV.equals(pipeline)) {
            for (SubjectTrials s : subjects) {
                vectors.add(CrossSubjectTangentSpace.recentredVectors(s.trials()));
            }
        }
        long t0 = System.nanoTime();
        for (int t = 0; t < subjects.size(); t++) {
            SubjectTrials target = subjects.get(t);
            if (targets != null && !targets.contains(target.subject())) {
                continue;
            }
            List<Split> splits = first(foldsFor(foldsDir, target), splitLimit);
            List<SubjectTrials> others = new ArrayList<>(subjects);
            others.remove(t);
            ObjectNode row = rows.addObject();
            row.put("subject", target.subject());
            row.put("n_folds", splits.size());
            if (SIMPLECONV.equals(pipeline)) {
                SimpleConvModel pre = pretrain(others);
                row.put("zero_shot", SimpleConvEvaluation.zeroShot(pre, target).accuracy());
                CrossValidation.Result r;
                FineTuning how = nn.fineTuning();
                try (TrainingBar bar = new TrainingBar(
                        target.subject() + " fine-tune per split", (long) splits.size() * how.epochs())) {
                    r = SimpleConvEvaluation.fineTuned(pre, target, splits, how, bar);
                }
                row.put("fine_tuned", r.meanAccuracy());
                row.put("fine_tuned_std", r.stdAccuracy());
                row.put("fine_tuned_auc", r.meanAuc());
            } else {
                List<double[][]> ov = new ArrayList<>(vectors);
                ov.remove(t);
                List<int[]> oy = others.stream().map(s -> s.trials().labels()).toList();
                CrossValidation.Result cross = new CrossSubjectTangentSpace(1.0)
                        .evaluate(ov, oy, vectors.get(t), target.trials().labels(), splits);
                row.put("cross_subject", cross.meanAccuracy());
                row.put("cross_subject_std", cross.stdAccuracy());
                CrossValidation.Result within = CrossValidation.run(PipelineSpec.of("ts-lr"), target.trials(), splits);
                row.put("within_subject", within.meanAccuracy());
                row.put("within_subject_std", within.stdAccuracy());
            }
            progress.report(String.format(
                    "loso %s: %s  (%d/%d, %.1f s)",
                    pipeline, row, t + 1, subjects.size(), (System.nanoTime() - t0) / 1e9));
        }
        root.put("seconds", (System.nanoTime() - t0) / 1e9);
        return root;
    }
}
