package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;
import picocli.CommandLine.Option;

/** Options shared by {@code train mi} and {@code evaluate mi}: labels, window, band and pipeline. */
final class MiOptions {

    @Option(
            names = "--labels",
            defaultValue = "T1=left,T2=right",
            description =
                    "ANNOTATION=CLASS pairs, two classes; the second is positive for AUC (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(
            names = "--window",
            defaultValue = "0.5:2.5",
            description = "Epoch TMIN:TMAX in seconds after the cue (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(
            names = "--band",
            defaultValue = "8:30",
            description = "Causal Butterworth band-pass LOW:HIGH Hz, order 4 (default: ${DEFAULT-VALUE}).")
    String band;

    @Option(
            names = "--pipeline",
            defaultValue = "ts-lr",
            description =
                    "One of csp-lda, csp-slda, mdm, ts-lr, aug-ts-lr, aug-mdm, simpleconv (DJL, cross-subject: train pretrains, evaluate needs --pretrained or --loso) (default: ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(
            names = "--order",
            description = "Delay-embedding order of the aug-* pipelines (default: " + PipelineSpec.DEFAULT_ORDER + ").")
    Integer order;

    @Option(
            names = "--lag",
            description = "Delay-embedding lag in samples of the aug-* pipelines (default: " + PipelineSpec.DEFAULT_LAG
                    + ").")
    Integer lag;

    PipelineSpec spec(boolean recenter) {
        PipelineSpec s = PipelineSpec.of(pipeline).withRecenter(recenter);
        if (order != null || lag != null) {
            s = s.withEmbedding(order == null ? s.order() : order, lag == null ? s.lag() : lag);
        }
        return s;
    }

    EpochWindow window() {
        return EpochWindow.parse(window);
    }

    Band band() {
        return Band.parse(band);
    }

    ClassLabels labels() {
        return ClassLabels.parse(labels);
    }

    /** Reads the recordings and cuts the labelled trials. */
    TrialSet trials(List<Path> files) throws IOException {
        List<Recording> recs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("--recording: no such file " + f);
            }
            recs.add(Recordings.open(f));
            names.add(f.getFileName().toString());
        }
        return MotorImageryEpochs.extract(recs, names, labels(), window(), band());
    }
}
