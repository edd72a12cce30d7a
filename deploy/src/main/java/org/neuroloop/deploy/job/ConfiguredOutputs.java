package org.neuroloop.deploy.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.neuroloop.closedloop.output.DeliveryGuard;
import org.neuroloop.closedloop.output.flink.StimulationSink;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.ResolvedConfig.OutputKind;
import org.neuroloop.deploy.config.ResolvedConfig.StreamKind;

/**
 * The outputs of a resolved config, each a sink on the job's streams it names. Stimulation commands go through a
 * {@link StimulationSink} per transport, each keeping its own delivered ids on the checkpoint storage (so every
 * transport delivers a command at most once across restarts, whatever else is configured) and, on the live clock,
 * the policy's stale guard; a {@code jsonl} output is the audit log of the first command transport, or a log of its
 * own when there is none. Events, predictions and
 * features go to JSON lines ({@link JsonlRecordSink}) or as JSON strings to an LSL outlet or UDP
 * ({@link JsonMessageSink}).
 */
public final class ConfiguredOutputs implements JobOutputs {
    private final ResolvedConfig config;

    private ConfiguredOutputs(ResolvedConfig config) {
        this.config = config;
    }

    public static ConfiguredOutputs of(ResolvedConfig config) {
        return new ConfiguredOutputs(config);
    }

    @Override
    public void attach(SessionStreams streams) {
        String log = config.outputs().stream()
                .filter(o -> o.kind() == OutputKind.JSONL && o.streams().contains(StreamKind.COMMANDS))
                .map(o -> o.jsonl().toString())
                .findFirst()
                .orElse(null);
        boolean logged = false;
        for (ResolvedConfig.Output o : config.outputs()) {
            for (StreamKind kind : o.streams()) {
                DataStream<?> stream = stream(streams, kind, o);
                if (kind == StreamKind.COMMANDS) {
                    if (o.kind() == OutputKind.JSONL) {
                        continue; // the log of the first transport, or its own sink below
                    }
                    streams.commands()
                            .sinkTo(new StimulationSink(
                                    o.transport(), logged ? null : log, "output-" + o.name(), journalDir(), guard()))
                            .uid("output-" + o.name())
                            .name("output " + o.name());
                    logged = true;
                } else {
                    attachRecords(stream, kind, o);
                }
            }
        }
        if (!logged && log != null) {
            streams.commands()
                    .sinkTo(new CommandLogSink(log))
                    .uid("output-jsonl")
                    .name("output jsonl");
        }
    }

    /** Delivered ids are journaled on the checkpoint storage when the job checkpoints to a directory. */
    private String journalDir() {
        ResolvedConfig.Flink f = config.flink();
        return f.checkpointIntervalMs() > 0 ? f.checkpointDir() : null;
    }

    /** Live sessions drop a command that went stale before delivery; a replay's times are the recording's. */
    private DeliveryGuard guard() {
        PolicyConfig policy = config.pipeline().policy();
        return config.clock() == DecisionClock.LSL && policy != null ? DeliveryGuard.of(policy) : null;
    }

    private static DataStream<?> stream(SessionStreams s, StreamKind kind, ResolvedConfig.Output o) {
        DataStream<?> stream = switch (kind) {
            case COMMANDS -> s.commands();
            case EVENTS -> s.events();
            case PREDICTIONS -> s.predictions();
            case FEATURES -> s.features();
        };
        if (stream == null) {
            String need = switch (kind) {
                case COMMANDS -> "pipeline.policy (with a classifier or detector)";
                case EVENTS -> "pipeline.detector";
                case PREDICTIONS -> "pipeline.classifier";
                case FEATURES -> "pipeline.features";
            };
            throw new ConfigException(
                    null, "outputs " + o.name(), "it takes " + kind.name().toLowerCase() + ", which needs " + need);
        }
        return stream;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void attachRecords(DataStream stream, StreamKind kind, ResolvedConfig.Output o) {
        String what = kind.name().toLowerCase();
        if (o.kind() == OutputKind.JSONL) {
            // an output of one stream writes its file; one that also logs commands puts each stream beside it
            String file = o.streams().size() == 1 ? o.jsonl().toString() : o.jsonl() + "." + what;
            stream.sinkTo(new JsonlRecordSink<>(file, what))
                    .uid("output-" + o.name() + "-" + what)
                    .name("output " + o.name() + " " + what);
        } else {
            stream.sinkTo(new JsonMessageSink<>(o.transport(), what))
                    .uid("output-" + o.name() + "-" + what)
                    .name("output " + o.name() + " " + what);
        }
    }
}
