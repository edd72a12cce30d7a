package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.ingest.recording.Recordings;

/** How many samples a replay will process, for its progress bar. */
final class ReplayProgress {
    private ReplayProgress() {}

    /** Samples of the main stream of every recording session; -1 (unknown) if any session is not a recording. */
    static long totalSamples(ResolvedConfig config) {
        long total = 0;
        for (ResolvedConfig.Session s : config.sessions()) {
            if (s.recording() == null) {
                return -1;
            }
            try {
                total += Recordings.open(Path.of(s.recording().path()))
                        .mainStream()
                        .map(m -> (long) m.sampleCount())
                        .orElse(0L);
            } catch (IOException | RuntimeException e) {
                return -1; // the job itself reports an unreadable recording, naming it
            }
        }
        return total;
    }
}
