package org.neuroloop.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionConfigWriterTest {

    @Test
    void everyShippedConfigSurvivesAWriteReadRoundTrip() {
        for (String pipeline : ReplayConfigs.NAMED) {
            SessionConfig c = ReplayConfigs.shipped(ReplayConfigs.resourceOf(pipeline));
            String yaml = SessionConfigWriter.toYaml(c);
            assertEquals(c, SessionConfigLoader.parse(yaml, pipeline + " (written)"), yaml);
        }
    }

    @Test
    void aReplayConfigRoundTrips() {
        SessionConfig c = ReplayConfigs.forReplay(
                "spindles",
                List.of(
                        Path.of("../shared/data/mi/eegmmidb/S001R04.edf"),
                        Path.of("../shared/data/mi/eegmmidb/S001R08.edf")),
                null,
                "10");
        SessionConfig back = SessionConfigLoader.parse(SessionConfigWriter.toYaml(c), "replay");
        assertEquals(c, back);
        assertEquals(2, back.sessions().size());
        assertEquals("10", back.sessions().get(1).recording().speed());
    }
}
