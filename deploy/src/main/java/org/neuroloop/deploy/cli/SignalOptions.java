package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The single-channel signal options the sleep commands share: a recording (or text with a rate) and a channel. */
final class SignalOptions {
    @Option(
            names = "--signal",
            required = true,
            description = "Recording: EDF/BDF/XDF, or plain text (one µV value per line) with --fs.")
    Path signal;

    @Option(names = "--fs", description = "Sampling rate in Hz (required for plain text).")
    Double fs;

    @Option(names = "--channel", description = "Channel label (default: the first channel).")
    String channel;

    SleepSignal load() throws IOException {
        return SleepSignal.load(signal, fs, channel);
    }
}
