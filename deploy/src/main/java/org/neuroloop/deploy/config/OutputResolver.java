package org.neuroloop.deploy.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.deploy.config.ResolvedConfig.OutputKind;
import org.neuroloop.deploy.config.ResolvedConfig.StreamKind;
import org.neuroloop.lsl4j.LslConfigFile;

/**
 * The {@code outputs} part of {@link ConfigResolver}: each output's transport with its defaults, and the streams it
 * receives. Errors name the output's key, as the resolver's do.
 */
final class OutputResolver {

    private final ConfigResolver resolver;

    OutputResolver(ConfigResolver resolver) {
        this.resolver = resolver;
    }

    ResolvedConfig.Output output(String key, OutputSpec o, String job, int index, LslConfigFile lsl) {
        Set<StreamKind> streams = streams(key + ".streams", o.streams());
        String name = o.kind() + "#" + index;
        return switch (o.kind()) {
            case "lsl" ->
                new ResolvedConfig.Output(
                        name,
                        OutputKind.LSL,
                        new TransportSpec.LslMarkers(
                                o.lsl().name() == null
                                        ? "NeuroLoop-Stim"
                                        : o.lsl().name(),
                                o.lsl().sourceId() == null
                                        ? "neuroloop-stim-" + job
                                        : o.lsl().sourceId(),
                                lsl),
                        null,
                        streams);
            case "udp" ->
                new ResolvedConfig.Output(
                        name,
                        OutputKind.UDP,
                        new TransportSpec.OscUdp(
                                o.udp().host() == null ? "127.0.0.1" : o.udp().host(),
                                o.udp().port(),
                                o.udp().address() == null
                                        ? "/neuroloop/stim"
                                        : o.udp().address()),
                        null,
                        streams);
            case "serial" ->
                new ResolvedConfig.Output(
                        name,
                        OutputKind.SERIAL,
                        new TransportSpec.SerialTtl(
                                o.serial().port(),
                                o.serial().baud() == null ? 115200 : o.serial().baud(),
                                1,
                                o.serial().pulseMillis() == null
                                        ? 10
                                        : o.serial().pulseMillis(),
                                false),
                        null,
                        commandsOnly(key, streams));
            case "audio" ->
                new ResolvedConfig.Output(
                        name,
                        OutputKind.AUDIO,
                        new TransportSpec.PinkNoise(
                                o.audio().seconds() == null ? 0.05 : o.audio().seconds(),
                                o.audio().levelDbfs() == null ? -20 : o.audio().levelDbfs(),
                                0.005,
                                o.audio().wavFolder() == null
                                        ? null
                                        : resolver.resolve(o.audio().wavFolder())
                                                .toAbsolutePath()
                                                .toString()),
                        null,
                        commandsOnly(key, streams));
            default ->
                new ResolvedConfig.Output(
                        name,
                        OutputKind.JSONL,
                        null,
                        resolver.resolve(o.jsonl().path()).toAbsolutePath(),
                        streams);
        };
    }

    private Set<StreamKind> streams(String key, List<String> names) {
        if (names == null || names.isEmpty()) {
            return Collections.unmodifiableSet(EnumSet.of(StreamKind.COMMANDS));
        }
        EnumSet<StreamKind> out = EnumSet.noneOf(StreamKind.class);
        for (String n : names) {
            try {
                out.add(StreamKind.valueOf(n.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw resolver.fail(key, "'" + n + "' is not one of commands, events, predictions, features");
            }
        }
        return Collections.unmodifiableSet(out);
    }

    private Set<StreamKind> commandsOnly(String key, Set<StreamKind> streams) {
        if (!streams.equals(EnumSet.of(StreamKind.COMMANDS))) {
            throw resolver.fail(key + ".streams", "serial and audio outputs take stimulation commands only");
        }
        return streams;
    }
}
