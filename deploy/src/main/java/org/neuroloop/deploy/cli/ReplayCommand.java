package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuroloop.deploy.cluster.EmbeddedCluster;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ReplayConfigs;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.JobEvents;
import org.neuroloop.deploy.job.LocalRun;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.deploy.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuroloop replay FILE... --pipeline mi|spindles|slow-oscillations|CONFIG ...}: runs recordings through the
 * online job with their stored timestamps, one session per file.
 *
 * <p>Every pipeline, on one file or many, runs the {@code NeuroLoopJob} of a shipped example config or of a YAML
 * file with one recording session per file (so the policy decides on the recording's clock), and writes every
 * prediction, detected event and stimulation command to {@code --out} in a canonical order, so two replays give
 * identical files.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Replay recordings through the online job (mi, spindles, slow-oscillations or a YAML session config).")
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", description = "Recording file(s); each is one session.")
    List<Path> files;

    @Option(
            names = "--pipeline",
            required = true,
            description = "mi, spindles, slow-oscillations, or a session config YAML.")
    String pipeline;

    @Option(names = "--model", description = "Model file (train mi ... --out MODEL.json) for a classifier pipeline.")
    Path model;

    @Option(
            names = "--out",
            description = "Decisions as JSON lines (default: predictions.jsonl for mi, events.jsonl otherwise).")
    Path out;

    @Option(
            names = "--speed",
            defaultValue = "max",
            description = "max, realtime or a factor (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--chunk", description = "Seconds of samples per replayed chunk (default: 0.05).")
    Double chunk;

    @Option(names = "--parallelism", description = "Flink parallelism (default: the pipeline config's).")
    Integer parallelism;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Also write an HTML report: stimulation timeline" + " and the histogram of decision delays.")
    Path report;

    @Mixin
    DashboardOption dashboard = new DashboardOption();

    @Override
    public Integer call() throws Exception {
        try {
            return jobReplay();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private int jobReplay() throws Exception {
        Path target = out == null ? Path.of("events.jsonl") : out;
        ResolvedConfig config;
        NeuroLoopJob job;
        try {
            config = new ConfigResolver(pipeline, Path.of("").toAbsolutePath())
                    .resolve(ReplayConfigs.forReplay(pipeline, files, model, speed, parallelism, chunk));
            job = dashboard.job(config);
        } catch (ConfigException e) {
            System.err.println("neuroloop replay: " + e.getMessage());
            return 2;
        }
        long t0 = System.nanoTime();
        JobEvents events;
        try (EmbeddedCluster cluster = EmbeddedCluster.start(config.flink().parallelism() * 4, 0)) {
            try (Progress progress = Progress.start("replay", ReplayProgress.totalSamples(config), "samples")) {
                events = LocalRun.run(
                        job, cluster.environment(config), "neuroloop replay " + config.name(), progress::stepTo);
            }
        } catch (ConfigException e) {
            System.err.println("neuroloop replay: " + e.getMessage());
            return 2;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        events.writeJsonl(target);
        if (report != null) {
            ReplayReport.of(pipeline, config, events).page().write(report);
        }
        ObjectNode s = new ObjectMapper().createObjectNode();
        s.put("pipeline", pipeline);
        s.put("sessions", config.sessions().size());
        s.put("chunks", events.chunks());
        s.put("samples", events.samples());
        s.put("predictions", events.predictions().size());
        s.put("detections", events.events().size());
        s.put("stimulations", events.commands().size());
        s.put("out", target.toString());
        s.put("replay_seconds", seconds);
        if (config.pipeline().classifier() != null
                && config.pipeline().classifier().kind() == ResolvedConfig.ClassifierKind.MI) {
            MiReplayScore.add(s, config, events.predictions());
        }
        if (json) {
            System.out.println(s);
        } else {
            System.out.printf(
                    "replayed %d recording(s) through '%s' in %.2f s: %d samples, %d predictions, %d detections, "
                            + "%d stimulations -> %s%n",
                    config.sessions().size(),
                    pipeline,
                    seconds,
                    events.samples(),
                    events.predictions().size(),
                    events.events().size(),
                    events.commands().size(),
                    target);
            if (s.has("online_accuracy")) {
                System.out.printf(
                        "  %d cued trials: online accuracy %.4f (decision at each cue-window end), offline %.4f%n",
                        s.get("n_trials").asInt(),
                        s.get("online_accuracy").asDouble(),
                        s.get("offline_accuracy").asDouble());
            }
        }
        dashboard.lingerAfterJob();
        return 0;
    }
}
