package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.deep.simpleconv.FineTuning;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SubjectTrials;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.deploy.progress.TrainingBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuroloop train mi}: fit a motor-imagery pipeline on all labelled trials and save the model JSON. */
@Command(
        name = "mi",
        mixinStandardHelpOptions = true,
        description = "Train a motor-imagery decoder (left vs right) and write MODEL.json.")
public final class TrainMiCommand implements Callable<Integer> {

    @Option(
            names = "--recording",
            required = true,
            arity = "1..*",
            description = "Recording files (EDF/EDF+/BDF/GDF/XDF/...).")
    List<Path> recordings;

    @Mixin
    MiOptions options;

    @Mixin
    SimpleConvOptions simpleConv;

    @Option(
            names = "--recenter",
            description = "Unsupervised per-recording Riemannian re-centering (covariance pipelines).")
    boolean recenter;

    @Option(
            names = "--pretrained",
            description = "simpleconv: fine-tune this pretrained model on the (one) subject of --recording"
                    + " and keep its alignment, for online decoding.")
    Path pretrained;

    @Option(names = "--out", required = true, description = "Model file to write.")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary.")
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
        if (CrossSubjectMi.SIMPLECONV.equals(options.pipeline)) {
            return pretrainSimpleConv();
        }
        PipelineSpec spec = options.spec(recenter);
        TrialSet trials;
        MotorImageryModel model;
        // two stages: reading and epoching the recordings, then fitting (on many recordings either takes minutes)
        try (Progress progress = Progress.start("train " + spec.name(), 2, "stages")) {
            progress.extra("reading " + recordings.size() + " recording(s)");
            trials = options.trials(recordings);
            progress.step();
            progress.extra("fitting on " + trials.size() + " trials");
            model = MotorImageryModel.train(spec, trials, options.band(), options.window());
            progress.step();
        }
        model.save(out);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("pipeline", spec.name());
            o.put("description", spec.describe());
            o.put("model", out.toString());
            o.put("n_trials", trials.size());
            o.put("channels", trials.channels().size());
            o.put("fs", trials.fs());
            System.out.println(o);
        } else {
            System.out.printf(
                    "trained %s on %d trials (%d channels @ %s Hz) from %s -> %s%n",
                    spec.describe(), trials.size(), trials.channels().size(), trials.fs(), trials.sessionNames(), out);
        }
        return 0;
    }

    private Integer pretrainSimpleConv() throws Exception {
        CrossSubjectMi cross = new CrossSubjectMi(options, simpleConv);
        List<SubjectTrials> subjects = cross.subjects(recordings);
        long t0 = System.nanoTime();
        SimpleConvModel model;
        if (pretrained != null) {
            if (subjects.size() != 1) {
                throw new IllegalArgumentException(
                        "--pretrained fine-tunes on one subject; the recordings hold " + subjects.size());
            }
            SubjectTrials s = subjects.get(0);
            SimpleConvModel pre = SimpleConvModel.load(pretrained);
            pre.requireCompatible(s.trials().channels(), s.trials().fs(), "--recording");
            FineTuning how = simpleConv.fineTuning();
            try (TrainingBar bar = new TrainingBar("fine-tune simpleconv", how.epochs())) {
                model = pre.fineTune(s.aligned(), s.trials().labels(), s.alignment(), how, bar);
            }
        } else {
            model = cross.pretrain(subjects);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        model.save(out);
        int n = subjects.stream().mapToInt(s -> s.trials().size()).sum();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("pipeline", CrossSubjectMi.SIMPLECONV);
            o.put("mode", pretrained != null ? "fine-tuned" : "pretrained");
            o.put("model", out.toString());
            o.put("n_trials", n);
            o.put("subjects", String.join(",", model.subjects()));
            o.put("channels", model.channels().size());
            o.put("fs", model.fs());
            o.put("seconds", seconds);
            System.out.println(o);
        } else {
            System.out.printf(
                    (pretrained != null ? "fine-tuned" : "pretrained")
                            + " simpleconv on %d trials of %d subjects %s in %.1f s -> %s%n",
                    n,
                    subjects.size(),
                    model.subjects(),
                    seconds,
                    out);
        }
        return 0;
    }
}
