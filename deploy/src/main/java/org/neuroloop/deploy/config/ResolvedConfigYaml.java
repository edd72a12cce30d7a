package org.neuroloop.deploy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Locale;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.ingest.flink.LslSourceSettings;

/**
 * A {@link ResolvedConfig} as a tree, every default shown: what {@code neuroloop check} prints and what the
 * benchmarks report as their {@code config}.
 */
public final class ResolvedConfigYaml {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ResolvedConfigYaml() {}

    public static String yaml(ResolvedConfig c) {
        try {
            return YAML.writeValueAsString(tree(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the resolved config " + c.name(), e);
        }
    }

    public static ObjectNode tree(ResolvedConfig c) {
        ObjectNode root = JSON.createObjectNode()
                .put("name", c.name())
                .put("decisionClock", lower(c.clock()))
                .put("control", lower(c.control()));
        ArrayNode sessions = root.putArray("sessions");
        for (ResolvedConfig.Session s : c.sessions()) {
            ObjectNode n = sessions.addObject().put("id", s.id()).put("source", lower(s.kind()));
            switch (s.kind()) {
                case LSL -> {
                    lsl(n.putObject("lsl"), s.lsl());
                    if (s.markers() != null) {
                        n.put("markers", s.markers().query().predicate());
                    }
                }
                case RECORDING ->
                    n.put("path", s.recording().path())
                            .put("speed", s.recordingSettings().speed().toString())
                            .put("chunkSeconds", s.recordingSettings().chunkSeconds())
                            .put("stream", s.recordingSettings().stream());
                default ->
                    n.put("rate", s.synthetic().rate())
                            .put("seed", s.synthetic().seed())
                            .put("chunkSamples", s.synthetic().chunkSize())
                            .put("seconds", s.synthetic().durationS())
                            .put("loopSeconds", s.synthetic().loopSeconds())
                            .put("realTime", s.paced());
            }
            if (s.channelLabels() != null) {
                n.set("channels", JSON.valueToTree(s.channelLabels()));
            }
        }
        root.set("pipeline", pipeline(c.pipeline()));
        ArrayNode outputs = root.putArray("outputs");
        for (ResolvedConfig.Output o : c.outputs()) {
            ObjectNode n = outputs.addObject().put("name", o.name()).put("kind", lower(o.kind()));
            if (o.transport() != null) {
                ObjectNode t = JSON.valueToTree(o.transport());
                t.remove("lslConfig"); // shown once, under lsl
                n.set("transport", t);
            }
            if (o.jsonl() != null) {
                n.put("path", o.jsonl().toString());
            }
            ArrayNode streams = n.putArray("streams");
            o.streams().forEach(k -> streams.add(lower(k)));
        }
        root.set("flink", JSON.valueToTree(c.flink()));
        ObjectNode lsl = root.putObject("lsl");
        if (c.lslConfig() == null) {
            lsl.putNull("config")
                    .put(
                            "settings",
                            "each process's own: lsl_api.cfg from LSLAPICFG, ./, ~/lsl_api/, "
                                    + "/etc/lsl_api/ or --lsl-config, else loopback only");
        } else {
            lsl.put("config", c.lslConfig().path())
                    .put("settings", c.lslConfig().config().describe());
        }
        return root;
    }

    private static void lsl(ObjectNode n, LslSourceSettings l) {
        n.put("query", l.query().predicate())
                .put("staleTimeoutSeconds", l.staleTimeoutSeconds())
                .put("pollIntervalMicros", l.pollIntervalMicros())
                .put("clockSync", l.timestamps().clockSync())
                .put("dejitter", l.timestamps().dejitter());
    }

    private static ObjectNode pipeline(ResolvedConfig.Pipeline p) {
        ObjectNode n = JSON.createObjectNode();
        n.set("quality", JSON.valueToTree(p.quality()));
        n.put("staleMillis", p.staleMillis());
        ArrayNode filters = n.putArray("filters");
        for (FilterStage f : p.filters()) {
            filters.add(JSON.valueToTree(f));
        }
        if (p.reference() != null) {
            n.set(
                    "reference",
                    p.reference().length == 0
                            ? JSON.getNodeFactory().textNode("average")
                            : JSON.valueToTree(p.reference()));
        }
        if (p.bandpower() != null) {
            n.set("bandpower", JSON.valueToTree(p.bandpower()));
        }
        if (p.covariance() != null) {
            n.set("covariance", JSON.valueToTree(p.covariance()));
        }
        if (p.classifier() != null) {
            var c = p.classifier();
            n.putObject("classifier")
                    .put("type", lower(c.kind()))
                    .put("model", c.modelPath().toString())
                    .put("pipeline", c.describe())
                    .put("stepSeconds", c.stepSeconds())
                    .put("targetClass", c.targetClass())
                    .put("recenter", c.recenter());
        }
        if (p.detector() != null) {
            var d = p.detector();
            ObjectNode det = n.putObject("detector").put("type", d.type().name());
            det.set("channels", JSON.valueToTree(d.channelNames()));
            det.set("channelIndices", JSON.valueToTree(d.channels()));
            det.set("parameters", JSON.valueToTree(d.type().printable(d.parameters())));
        }
        if (p.policy() != null) {
            n.set("policy", JSON.valueToTree(p.policy()));
        }
        return n;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
