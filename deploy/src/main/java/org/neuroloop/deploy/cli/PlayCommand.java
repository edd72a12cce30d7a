package org.neuroloop.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuroloop.ingest.player.LslPlayer;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;
import org.neuroloop.ingest.replay.ReplaySpeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuroloop play FILE}: publish a recording's streams and markers as LSL outlets, like a live amplifier. */
@Command(
        name = "play",
        mixinStandardHelpOptions = true,
        description = "Publish every stream of a recording (markers and annotations included) as LSL outlets,"
                + " paced like a live amplifier.")
public final class PlayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Recording file (XDF, EDF/BDF, GDF, .vhdr, text).")
    Path file;

    @Option(
            names = "--name",
            description = "Outlet name of the main stream (others: NAME-<stream>, annotations: NAME-markers)."
                    + " Default: the stream's own name.")
    String name;

    @Option(
            names = "--speed",
            defaultValue = "realtime",
            description = "realtime, max, or a factor such as 2. Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(names = "--loop", description = "Start again at the end, until interrupted.")
    boolean loop;

    @Option(
            names = "--chunk-ms",
            defaultValue = "20",
            description = "Milliseconds of samples per pushed chunk. Default: ${DEFAULT-VALUE}.")
    double chunkMs;

    @Option(
            names = "--wait-consumers",
            defaultValue = "0",
            description = "Seconds to wait for an inlet on every outlet before playing. Default: ${DEFAULT-VALUE}.")
    double waitConsumers;

    @Option(names = "--rate", description = "Sampling rate of a plain-text file.")
    Double rate;

    @Override
    public Integer call() throws Exception {
        ReplaySpeed s;
        try {
            s = ReplaySpeed.parse(speed);
        } catch (IllegalArgumentException e) {
            System.err.println("play: " + e.getMessage());
            return 2;
        }
        Recording r = Recordings.open(file, rate == null ? Double.NaN : rate);
        try (LslPlayer player = new LslPlayer(r, new LslPlayer.Config(name, s, chunkMs / 1000, loop))) {
            Thread hook = new Thread(player::stop, "play-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            System.err.println("play: outlets " + player.outletNames() + " at speed " + s + (loop ? " (looping)" : ""));
            if (waitConsumers > 0 && !player.waitForConsumers(waitConsumers)) {
                System.err.println(
                        "play: not every outlet got a consumer within " + waitConsumers + " s; playing anyway");
            }
            long t0 = System.nanoTime();
            player.play();
            System.err.printf(
                    "play: pushed %d samples and %d markers in %.2f s%n",
                    player.samplesPushed(), player.markersPushed(), (System.nanoTime() - t0) / 1e9);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        return 0;
    }
}
