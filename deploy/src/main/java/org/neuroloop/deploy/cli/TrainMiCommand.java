package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.TrialSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code neuroloop train mi}: fit a motor-imagery pipeline on all labelled trials and save the model JSON. */
@Command(name = "mi", mixinStandardHelpOptions = true,
        description = "Train a motor-imagery decoder (left vs right) and write MODEL.json.")
public final class TrainMiCommand implements Callable<Integer> {

    @Option(names = "--recording", required = true, arity = "1..*", description = "Recording files (EDF/EDF+/BDF/GDF/XDF/...).")
    List<Path> recordings;

    @Mixin
    MiOptions options;

    @Option(names = "--recenter", description = "Unsupervised per-recording Riemannian re-centering (covariance pipelines).")
    boolean recenter;

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
        PipelineSpec spec = options.spec(recenter);
        TrialSet trials = options.trials(recordings);
        MotorImageryModel model = MotorImageryModel.train(spec, trials, options.band(), options.window());
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
            System.out.printf("trained %s on %d trials (%d channels @ %s Hz) from %s -> %s%n", spec.describe(), trials.size(),
                    trials.channels().size(), trials.fs(), trials.sessionNames(), out);
        }
        return 0;
    }
}
