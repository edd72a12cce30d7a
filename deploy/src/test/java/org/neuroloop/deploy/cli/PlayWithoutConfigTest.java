package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recordings;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.liblsl.Liblsl;

/**
 * {@code neuroloop play FILE --name X}, started in a directory without any lsl_api.cfg (so lsl4j runs on its
 * built-in loopback default), is found and read sample-exact by a real liblsl 1.10 inlet that uses the repository's
 * loopback config.
 */
class PlayWithoutConfigTest {
    private static final Path EDF =
            Path.of("../shared/data/mi/eegmmidb/S001R04.edf").toAbsolutePath().normalize();

    @Test
    @Timeout(240)
    void playFromADirectoryWithoutConfigIsReadSampleExactByLiblsl(@TempDir Path dir) throws Exception {
        assertFalse(Files.exists(dir.resolve("lsl_api.cfg")));
        RecordedStream eeg = Recordings.open(EDF).mainStream().orElseThrow();
        String name = "nl-play-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Duser.home=" + dir,
                NeuroLoopCli.class.getName(),
                "play",
                EDF.toString(),
                "--name",
                name,
                "--speed",
                "32", // paced like any play, briefly: the 125 s run in under 4 s (the check is sample-exactness)
                "--wait-consumers",
                "60");
        pb.directory(dir.toFile());
        pb.environment().remove("LSLAPICFG");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("play.log").toFile());
        Process play = pb.start();
        try (var eegIn = Liblsl.inlet(name, false, 30.0);
                var markersIn = Liblsl.inlet(name + "-markers", false, 30.0)) {
            eegIn.open(30.0);
            markersIn.open(30.0);
            int ch = eeg.channelCount();
            int total = eeg.sampleCount();
            double[] got = new double[total * ch];
            double[] chunk = new double[1024 * ch];
            double[] ts = new double[1024];
            int n = 0;
            long end = System.nanoTime() + 150_000_000_000L; // 125 s of EEG at 32x, with ample margin
            while (n < total && System.nanoTime() < end) {
                int k;
                try {
                    k = eegIn.pullChunk(chunk, ts, 1.0);
                } catch (LslLostException e) {
                    break; // the player closed its outlets; what arrived is checked below
                }
                System.arraycopy(chunk, 0, got, n * ch, Math.min(k, total - n) * ch);
                n += k;
            }
            assertEquals(total, n, "samples received; player: " + Files.readString(dir.resolve("play.log")));
            assertArrayEquals(eeg.samples(), got, "every value as in the file");
            assertTrue(play.waitFor(60, TimeUnit.SECONDS), "play ends");
            assertEquals(0, play.exitValue(), Files.readString(dir.resolve("play.log"), StandardCharsets.UTF_8));
            try {
                assertEquals(0, eegIn.pullChunk(chunk, ts, 0.5), "nothing beyond the file: " + Arrays.toString(ts));
            } catch (LslLostException expected) {
                // the outlets are closed once play ended
            }
        } finally {
            play.destroy();
        }
    }
}
