package org.neuroloop.deploy.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.detect.ThresholdParameters;
import org.neuroloop.classifiers.detect.ThresholdParameters.Measure;
import org.neuroloop.classifiers.detect.flink.ThresholdDetectionFunction;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.ResolvedConfigYaml;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.deploy.job.JobEvents;
import org.neuroloop.deploy.job.LocalRun;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;

/** The README's extension example: a detector of one's own, registered, named in YAML, run by the one job graph. */
class RegisteredDetectorTest {

    /** The README's {@code MuPowerDetector}. */
    static final class MuPowerDetector implements DetectorType {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "mu-power";
        }

        @Override
        public String description() {
            return "sensorimotor mu (9-13 Hz) power above a threshold";
        }

        @Override
        public Serializable parameters(Map<String, Object> keys) {
            return RecordParameters.overlay(new ThresholdParameters(Measure.BANDPOWER, 40, 20, 9, 13, 2, 0.25), keys);
        }

        @Override
        public boolean multiChannel() {
            return true;
        }

        @Override
        public Set<String> triggers() {
            return Set.of(ThresholdDetectionFunction.KIND);
        }

        @Override
        public KeyedProcessFunction<String, Chunk, DetectedEvent> operator(int[] channels, Serializable p) {
            return new ThresholdDetectionFunction(channels, (ThresholdParameters) p);
        }
    }

    static final String YAML = """
            name: own-detector
            sessions:
              - id: s1
                synthetic: {scenario: mi, labels: [C3, C4, Cz, Pz], rate: 250, seconds: 40, seed: 3, speed: max}
            pipeline:
              detector: {type: mu-power, channels: [C3], "on": 30, "off": 15}
              policy: {refractorySeconds: 1.0}
            flink: {parallelism: 1}
            """;

    @Test
    void aRegisteredDetectorRunsFromYamlThroughTheJob() throws Exception {
        Detectors.register(new MuPowerDetector());
        ResolvedConfig config =
                new ConfigResolver("own.yaml", Path.of(".")).resolve(SessionConfigLoader.parse(YAML, "own.yaml"));
        var p = (ThresholdParameters) config.pipeline().detector().parameters();
        assertEquals(30.0, p.on(), "the YAML key overrides the detector's default");
        assertEquals(9.0, p.lowHz(), "the rest keep the detector's defaults");
        assertTrue(ResolvedConfigYaml.yaml(config).contains("type: mu-power"), ResolvedConfigYaml.yaml(config));

        JobEvents out = LocalRun.run(
                NeuroLoopJob.fromConfig(config), StreamExecutionEnvironment.getExecutionEnvironment(), "own detector");
        long crossings = out.events().stream()
                .filter(e -> e.kind().equals(ThresholdDetectionFunction.KIND))
                .count();
        assertTrue(crossings >= 2, "mu power on C3 waxes and wanes with the imagery cues: " + out.events());
        assertTrue(
                !out.commands().isEmpty() && out.commands().size() <= crossings,
                out.commands().toString());
    }
}
