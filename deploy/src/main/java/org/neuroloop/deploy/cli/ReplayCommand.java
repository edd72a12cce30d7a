package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code neuroloop replay FILE --pipeline NAME ...}: runs a recording through the online job with its stored
 * timestamps. Pipelines: {@code mi} (motor-imagery decoding with a trained model, {@link MiReplay}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a recording through the online pipeline (mi: motor-imagery decoding with --model).")
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Recording file.")
    Path file;

    @Option(names = "--pipeline", required = true, description = "Online pipeline: mi.")
    String pipeline;

    @Option(names = "--model", description = "Model file (train mi ... --out MODEL.json) for --pipeline mi.")
    Path model;

    @Option(names = "--out", description = "Predictions as JSON lines (default: predictions.jsonl).", defaultValue = "predictions.jsonl")
    Path out;

    @Option(names = "--step", defaultValue = "0.1", description = "Seconds between decisions (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--chunk", defaultValue = "0.1", description = "Seconds of samples per replayed chunk (default: ${DEFAULT-VALUE}).")
    double chunk;

    @Option(names = "--parallelism", defaultValue = "1", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try {
            if (!"mi".equals(pipeline)) {
                throw new IllegalArgumentException("--pipeline " + pipeline + ": replay supports 'mi'");
            }
            if (model == null) {
                throw new IllegalArgumentException("--pipeline mi needs --model MODEL.json");
            }
            ObjectNode summary = MiReplay.run(file, model, out, step, chunk, parallelism);
            if (json) {
                System.out.println(summary);
            } else {
                System.out.printf("%s on %s: %d decisions -> %s%n", summary.get("pipeline").asText(), file, summary.get("n_predictions").asInt(), out);
                if (summary.has("online_accuracy")) {
                    System.out.printf("  %d cued trials: online accuracy %.4f (decision at each cue-window end), offline %.4f%n",
                            summary.get("n_trials").asInt(), summary.get("online_accuracy").asDouble(), summary.get("offline_accuracy").asDouble());
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
