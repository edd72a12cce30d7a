package org.neuroloop.deploy.job;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.closedloop.output.flink.StimulationSink;

/**
 * The outputs a session config names, each a sink on the job's stimulation commands (h7's
 * {@link StimulationSink} per transport, which drops duplicate command ids after a restart). A {@code jsonl}
 * output becomes the JSONL log of the first transport, or a log of its own when there is no transport.
 */
final class ConfiguredOutputs implements JobOutputs {
    private final SessionConfig config;
    private final ConfigValidator validator;

    private ConfiguredOutputs(SessionConfig config, ConfigValidator validator) {
        this.config = config;
        this.validator = validator;
    }

    static ConfiguredOutputs of(SessionConfig config, ConfigValidator validator) {
        return new ConfiguredOutputs(config, validator);
    }

    @Override
    public void attach(SessionStreams streams) {
        if (config.outputs().isEmpty()) {
            return;
        }
        if (streams.commands() == null) {
            throw new ConfigException(null, "outputs", "outputs need stimulation commands: add pipeline.policy (with a classifier or detector)");
        }
        String log = null;
        List<TransportSpec> transports = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < config.outputs().size(); i++) {
            OutputSpec o = config.outputs().get(i);
            switch (o.kind()) {
                case "jsonl" -> log = validator.resolve(o.jsonl().path()).toAbsolutePath().toString();
                case "lsl" -> transports.add(new TransportSpec.LslMarkers(
                        o.lsl().name() == null ? "NeuroLoop-Stim" : o.lsl().name(),
                        o.lsl().sourceId() == null ? "neuroloop-stim-" + config.name() : o.lsl().sourceId()));
                case "udp" -> transports.add(new TransportSpec.OscUdp(o.udp().host() == null ? "127.0.0.1" : o.udp().host(),
                        o.udp().port(), o.udp().address() == null ? "/neuroloop/stim" : o.udp().address()));
                case "serial" -> transports.add(new TransportSpec.SerialTtl(o.serial().port(),
                        o.serial().baud() == null ? 115200 : o.serial().baud(), 1,
                        o.serial().pulseMillis() == null ? 10 : o.serial().pulseMillis(), false));
                case "audio" -> transports.add(new TransportSpec.PinkNoise(o.audio().seconds() == null ? 0.05 : o.audio().seconds(),
                        o.audio().levelDbfs() == null ? -20 : o.audio().levelDbfs(), 0.005,
                        o.audio().wavFolder() == null ? null : validator.resolve(o.audio().wavFolder()).toAbsolutePath().toString()));
                default -> throw new ConfigException(null, "outputs[" + i + "]", "unknown output kind " + o.kind());
            }
            if (!o.kind().equals("jsonl")) {
                names.add(o.kind() + "#" + i);
            }
        }
        for (int k = 0; k < transports.size(); k++) {
            streams.commands().sinkTo(new StimulationSink(transports.get(k), k == 0 ? log : null))
                    .uid("output-" + names.get(k)).name("output " + names.get(k));
        }
        if (transports.isEmpty() && log != null) {
            streams.commands().sinkTo(new CommandLogSink(log)).uid("output-jsonl").name("output jsonl");
        }
    }
}
