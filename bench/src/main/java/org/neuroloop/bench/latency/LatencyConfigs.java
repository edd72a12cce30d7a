package org.neuroloop.bench.latency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.OutputSpec;
import org.neuroloop.deploy.config.PipelineSpec;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.deploy.config.SessionSpec;

/**
 * The configs {@code neuroloop bench latency} runs: the shipped {@code bench/latency-<pipeline>.yaml} with the
 * benchmark's unique stream names, its temporary JSONL log and the detector's channel in the benchmark signal
 * and the deep pipelines' model file. Nothing else is changed, so the figures are those of the YAML.
 */
final class LatencyConfigs {
    private LatencyConfigs() {}

    static String resource(ClosedLoopLatencyBenchmark.Pipeline pipeline) {
        return "bench/latency-" + pipeline.cliName() + ".yaml";
    }

    static SessionConfig shipped(ClosedLoopLatencyBenchmark.Pipeline pipeline) {
        String resource = resource(pipeline);
        try (InputStream in = LatencyConfigs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return SessionConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /**
     * @param detectorChannel the detector's channel in the benchmark signal (configs with a detector)
     * @param model the deep model file, set as the classifier's or the detector's {@code model}; null: the YAML's
     */
    static ResolvedConfig resolve(
            ClosedLoopLatencyBenchmark.Config bench,
            String eegName,
            String stimName,
            Path log,
            int detectorChannel,
            Path model) {
        SessionConfig c = shipped(bench.pipeline());
        SessionSpec s = c.sessions().get(0);
        var l = s.lsl();
        SessionSpec session = new SessionSpec(
                s.id(),
                new SessionSpec.LslSpec(
                        eegName,
                        l.type(),
                        l.sourceId(),
                        l.markers(),
                        l.resolveTimeoutSeconds(),
                        l.staleSeconds(),
                        l.implementation(),
                        l.clockSync(),
                        l.dejitter(),
                        l.pollMicros()),
                null,
                null);
        PipelineSpec p = c.pipeline();
        PipelineSpec.DetectorSpec d = p.detector();
        PipelineSpec.DetectorSpec detector = null;
        if (d != null) {
            Map<String, Object> parameters = new HashMap<>(d.parameters());
            if (model != null) {
                parameters.put("model", model.toAbsolutePath().toString());
            }
            detector = d.channels() != null
                    ? new PipelineSpec.DetectorSpec(
                            d.type(), null, List.of(String.valueOf(detectorChannel)), parameters)
                    : new PipelineSpec.DetectorSpec(d.type(), String.valueOf(detectorChannel), null, parameters);
        }
        PipelineSpec.ClassifierSpec classifier = p.classifier();
        if (classifier != null && model != null) {
            classifier = new PipelineSpec.ClassifierSpec(
                    classifier.type(),
                    model.toAbsolutePath().toString(),
                    classifier.stepSeconds(),
                    classifier.targetClass(),
                    classifier.recenter());
        }
        PipelineSpec pipeline = new PipelineSpec(
                p.quality(), p.filters(), p.reference(), p.features(), classifier, detector, p.policy());
        List<OutputSpec> outputs = c.outputs().stream()
                .map(o -> o.lsl() != null
                        ? new OutputSpec(
                                new OutputSpec.LslOutput(
                                        stimName, stimName, o.lsl().implementation()),
                                null,
                                null,
                                null,
                                null,
                                o.streams())
                        : o.jsonl() != null
                                ? new OutputSpec(
                                        null, null, null, null, new OutputSpec.JsonlOutput(log.toString()), o.streams())
                                : o)
                .toList();
        SessionConfig run = new SessionConfig(c.name(), List.of(session), pipeline, outputs, c.flink());
        return new ConfigResolver(resource(bench.pipeline()), Path.of("").toAbsolutePath()).resolve(run);
    }
}
