package org.neuroloop.deploy.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a session config as YAML that {@link SessionConfigLoader} reads back to an equal config. */
public final class SessionConfigWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private SessionConfigWriter() {}

    public static String toYaml(SessionConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write session config " + config.name() + " as YAML", e);
        }
    }

    public static void write(SessionConfig config, Path file) throws IOException {
        Files.writeString(file, toYaml(config));
    }
}
