package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.OnlineTrialScore;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.Annotation;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;

/**
 * The motor-imagery part of {@code neuroloop replay FILE --pipeline mi --model MODEL.json}: where the recording has
 * the model's cue annotations, the job's decision at the end of each cue window is scored (online accuracy) next
 * to the same model's offline accuracy on the same trials.
 */
final class MiReplayScore {

    private MiReplayScore() {}

    /** Adds the model and, for a single recording with cues, the trial scores to {@code summary}. */
    static void add(ObjectNode summary, ResolvedConfig config, List<Prediction> predictions) throws IOException {
        MotorImageryModel model = config.pipeline().classifier().model();
        summary.put("model_pipeline", model.spec().name());
        summary.put("description", model.spec().describe());
        summary.put("model", config.pipeline().classifier().modelPath().toString());
        summary.put("step_s", config.pipeline().classifier().stepSeconds());
        summary.put("n_predictions", predictions.size());
        if (config.sessions().size() != 1) {
            return;
        }
        ResolvedConfig.Session session = config.sessions().get(0);
        Path file = Path.of(session.recording().path());
        Recording rec = Recordings.open(file);
        RecordedStream s =
                rec.mainStream().orElseThrow(() -> new IllegalArgumentException(file + ": no numeric signal stream"));
        model.requireCompatible(s.channelLabels(), s.nominalRate(), file.toString());
        boolean hasCues = rec.annotations().stream()
                .map(Annotation::label)
                .map(String::trim)
                .anyMatch(l -> model.labels().classOf(l) >= 0);
        if (!hasCues) {
            return;
        }
        TrialSet trials = MotorImageryEpochs.extract(
                List.of(rec), List.of(session.id()), model.labels(), model.window(), model.band());
        List<OnlineTrialScore.TrialDecision> decisions = OnlineTrialScore.decisions(
                trials.trials(), predictions, model.window(), s.nominalRate(), s.timestamps()[0]);
        double[][] offline = model.predictProba(trials);
        int correct = 0;
        for (int i = 0; i < offline.length; i++) {
            correct += (offline[i][1] > offline[i][0] ? 1 : 0) == trials.labels()[i] ? 1 : 0;
        }
        summary.put("n_trials", trials.size());
        summary.put("online_accuracy", OnlineTrialScore.accuracy(decisions));
        summary.put("offline_accuracy", correct / (double) trials.size());
    }
}
