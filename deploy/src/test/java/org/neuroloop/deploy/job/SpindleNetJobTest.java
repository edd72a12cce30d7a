package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.deep.spindles.LabelledSignal;
import org.neuroloop.classifiers.deep.spindles.SpindleNetConfig;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.sleep.ScoringFile;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.ingest.recording.Recordings;

/**
 * The spindle network as a YAML detector ({@code type: spindle-net}) in {@link NeuroLoopJob} on a MiniCluster: a
 * network trained briefly on DREAMS excerpt 1 watches two synthetic sessions; its onsets drive the policy, and a
 * second replay gives identical output.
 */
class SpindleNetJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void spindleNetDetectorRunsInTheJob() throws Exception {
        Path dreams = Path.of("../shared/data/sleep/dreams_spindles");
        double[] x = Recordings.open(dreams.resolve("excerpt1.txt"), 100)
                .mainStream()
                .orElseThrow()
                .channel(0);
        LabelledSignal ex1 = new LabelledSignal(
                "excerpt1.txt",
                x,
                100,
                ScoringFile.read(dreams.resolve("Visual_scoring1_excerpt1.txt")),
                List.of(),
                400);
        Path net = dir.resolve("net.model");
        SpindleNetModel.train(SpindleNetConfig.DEFAULT.withEpochs(2), List.of(ex1), TrainingProgress.SILENT)
                .save(net);

        String yaml = SleepJobTest.yaml("spindles", "{type: spindle-net, channel: C3, model: " + net + "}");
        JobEvents first = SleepJobTest.run(yaml);
        List<DetectedEvent> onsets = first.events().stream()
                .filter(e -> e.kind().equals("spindle-onset"))
                .toList();
        assertTrue(!onsets.isEmpty(), "the network fired on none of " + first.samples() + " samples");
        assertTrue(!first.commands().isEmpty() && first.commands().size() <= onsets.size());
        assertEquals(first.lines(), SleepJobTest.run(yaml).lines(), "two replays give identical events");

        String bad = SleepJobTest.yaml("spindles", "{type: spindle-net, channel: C3}");
        Exception e = assertThrows(
                RuntimeException.class,
                () -> new ConfigResolver("sleep.yaml", Path.of("."))
                        .resolve(SessionConfigLoader.parse(bad, "sleep.yaml")));
        assertTrue(e.getMessage().contains("model"), e.getMessage());
    }
}
