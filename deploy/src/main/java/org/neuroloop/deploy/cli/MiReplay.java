package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.OnlineTrialScore;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.classifiers.mi.flink.MotorImageryReplay;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.Annotation;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The motor-imagery part of {@code neuroloop replay FILE --pipeline mi --model MODEL.json --out predictions.jsonl}:
 * replays the recording through the Flink decoding job, writes one JSON line per decision, and, where the
 * recording has the model's cue annotations, scores the decision at the end of each cue window (online accuracy)
 * next to the same model's offline accuracy on the same trials.
 */
final class MiReplay {

    private MiReplay() {
    }

    static ObjectNode run(Path file, Path modelFile, Path out, double stepSeconds, double chunkSeconds, int parallelism) throws Exception {
        MotorImageryModel model = MotorImageryModel.load(modelFile);
        Recording rec = Recordings.open(file);
        RecordedStream s = rec.mainStream().orElseThrow(() -> new IllegalArgumentException(file + ": no numeric signal stream"));
        model.requireCompatible(s.channelLabels(), s.nominalRate(), file.toString());
        String session = file.getFileName().toString();
        int chunk = Math.max(1, (int) Math.round(chunkSeconds * s.nominalRate()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        long t0 = System.nanoTime();
        List<Prediction> predictions = MotorImageryReplay.run(env, MotorImageryReplay.chunks(s, session, chunk), model, stepSeconds);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int step = Math.max(1, (int) Math.round(stepSeconds * s.nominalRate()));
        long expected = Math.max(0, s.sampleCount() / step - (model.windowSamples() - 1) / step);
        if (predictions.size() != expected) {
            throw new IllegalStateException("replay of " + file + " returned " + predictions.size() + " decisions, expected " + expected
                    + " (one every " + step + " samples once the " + model.windowSamples() + "-sample window is full)");
        }
        ObjectMapper om = new ObjectMapper();
        List<String> classes = model.labels().classNames();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (Prediction p : predictions) {
                ObjectNode o = om.createObjectNode();
                o.put("session", p.sessionId());
                o.put("timestamp", p.timestamp());
                ArrayNode pr = o.putArray("probabilities");
                for (double v : p.probabilities()) {
                    pr.add(v);
                }
                o.put("predicted", p.predictedClass());
                o.put("class", classes.get(p.predictedClass()));
                o.put("flags", p.flags());
                w.write(o.toString());
                w.newLine();
            }
        }
        ObjectNode summary = om.createObjectNode();
        summary.put("pipeline", "mi");
        summary.put("model_pipeline", model.spec().name());
        summary.put("description", model.spec().describe());
        summary.put("model", modelFile.toString());
        summary.put("recording", file.toString());
        summary.put("out", out.toString());
        summary.put("step_s", stepSeconds);
        summary.put("n_predictions", predictions.size());
        summary.put("replay_seconds", seconds);
        boolean hasCues = rec.annotations().stream().map(Annotation::label).map(String::trim)
                .anyMatch(l -> model.labels().classOf(l) >= 0);
        if (hasCues) {
            TrialSet trials = MotorImageryEpochs.extract(List.of(rec), List.of(session), model.labels(), model.window(), model.band());
            List<OnlineTrialScore.TrialDecision> decisions = OnlineTrialScore.decisions(trials.trials(), predictions, model.window(),
                    s.nominalRate(), s.timestamps()[0]);
            double[][] offline = model.predictProba(trials);
            int correct = 0;
            for (int i = 0; i < offline.length; i++) {
                correct += (offline[i][1] > offline[i][0] ? 1 : 0) == trials.labels()[i] ? 1 : 0;
            }
            summary.put("n_trials", trials.size());
            summary.put("online_accuracy", OnlineTrialScore.accuracy(decisions));
            summary.put("offline_accuracy", correct / (double) trials.size());
        }
        return summary;
    }
}
