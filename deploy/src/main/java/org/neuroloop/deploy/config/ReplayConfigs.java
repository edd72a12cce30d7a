package org.neuroloop.deploy.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Session configs for {@code neuroloop replay}: a named pipeline ("mi", "spindles", "slow-oscillations": the
 * shipped example configs) or a YAML file, with its sessions replaced by the recordings to replay (one session
 * per file, id = file name) and its live outputs dropped (replay writes its decisions to a JSONL file).
 */
public final class ReplayConfigs {
    /** Shipped example configs by pipeline name. */
    public static final List<String> NAMED = List.of("mi", "spindles", "slow-oscillations");

    private ReplayConfigs() {}

    /** The shipped example config of a named pipeline, e.g. {@code configs/spindle-stimulation.yaml}. */
    public static String resourceOf(String pipeline) {
        return switch (pipeline) {
            case "mi" -> "configs/motor-imagery.yaml";
            case "spindles" -> "configs/spindle-stimulation.yaml";
            case "slow-oscillations", "so" -> "configs/slow-oscillation-stimulation.yaml";
            default -> null;
        };
    }

    /** Reads a shipped config from the classpath. */
    public static SessionConfig shipped(String resource) {
        try (InputStream in = ReplayConfigs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(resource, "", "not on the classpath");
            }
            return SessionConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new ConfigException(resource, "", "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The config to replay {@code files} with: {@code pipeline} names a shipped config or is a YAML file;
     * {@code model} (may be null) replaces the classifier's model; {@code speed} "max", "realtime" or a factor.
     */
    public static SessionConfig forReplay(String pipeline, List<Path> files, Path model, String speed) {
        return forReplay(pipeline, files, model, speed, null, null);
    }

    /**
     * Like {@link #forReplay(String, List, Path, String)} with the job's {@code parallelism} and the replayed
     * chunks' length (null: the config's, the defaults').
     */
    public static SessionConfig forReplay(
            String pipeline, List<Path> files, Path model, String speed, Integer parallelism, Double chunkSeconds) {
        String resource = resourceOf(pipeline);
        SessionConfig base;
        if (resource != null) {
            base = shipped(resource);
        } else if (Files.isRegularFile(Path.of(pipeline))) {
            base = SessionConfigLoader.load(Path.of(pipeline));
        } else {
            throw new ConfigException(
                    null, "--pipeline", "'" + pipeline + "' is neither one of " + NAMED + " nor a YAML file");
        }
        List<SessionSpec> sessions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path f : files) {
            String id = f.getFileName().toString();
            for (int k = 2; !ids.add(id); k++) {
                id = f.getFileName() + "#" + k;
            }
            sessions.add(new SessionSpec(
                    id,
                    null,
                    new SessionSpec.RecordingSpec(f.toAbsolutePath().toString(), speed, null, chunkSeconds),
                    null));
        }
        PipelineSpec p = base.pipeline();
        if (model != null) {
            var c = p.classifier();
            if (c == null) {
                throw new ConfigException(
                        null, "--model", "pipeline '" + pipeline + "' has no classifier to take a model");
            }
            p = new PipelineSpec(
                    p.quality(),
                    p.filters(),
                    p.reference(),
                    p.features(),
                    new PipelineSpec.ClassifierSpec(
                            c.type(),
                            model.toAbsolutePath().toString(),
                            c.stepSeconds(),
                            c.targetClass(),
                            c.recenter()),
                    p.detector(),
                    p.policy());
        }
        FlinkSpec f = base.flink();
        if (parallelism != null) {
            f = new FlinkSpec(parallelism, f.bufferTimeoutMs(), f.checkpoint(), f.restart(), f.objectReuse());
        }
        return new SessionConfig(base.name() + "-replay", sessions, p, List.of(), f);
    }
}
