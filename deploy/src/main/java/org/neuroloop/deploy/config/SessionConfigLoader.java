package org.neuroloop.deploy.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a YAML session config strictly: an unknown key, a wrong type or a malformed document fails with a
 * {@link ConfigException} naming the file and the key's path (e.g. {@code pipeline.filters[0].hihg}).
 */
public final class SessionConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SessionConfigLoader() {}

    /** Parses {@code file} (not yet validated: see {@link ConfigValidator}). */
    public static SessionConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code sourceName} names it in errors. */
    public static SessionConfig parse(String yaml, String sourceName) {
        try {
            SessionConfig c = YAML.readValue(yaml, SessionConfig.class);
            if (c == null) {
                throw new ConfigException(sourceName, "", "empty config");
            }
            return c;
        } catch (JsonParseException e) {
            throw new ConfigException(sourceName, "", "not valid YAML: " + e.getOriginalMessage() + lineOf(e), e);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null
                    ? ""
                    : e.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
            throw new ConfigException(
                    sourceName,
                    path(e),
                    "unknown key '" + e.getPropertyName() + "'"
                            + (known.isEmpty() ? "" : " (expected one of: " + known + ")"),
                    e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(
                    sourceName,
                    path(e),
                    "value '" + e.getValue() + "' is not a " + e.getTargetType().getSimpleName() + lineOf(e),
                    e);
        } catch (MismatchedInputException e) {
            String want = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
            throw new ConfigException(sourceName, path(e), "expected " + want + lineOf(e), e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException pe) {
                throw new ConfigException(sourceName, "", "not valid YAML: " + pe.getOriginalMessage() + lineOf(pe), e);
            }
            Throwable root = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(sourceName, path(e), root.getMessage() + lineOf(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(sourceName, "", "not valid YAML: " + e.getOriginalMessage() + lineOf(e), e);
        }
    }

    private static String lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String describe(Class<?> t) {
        if (Number.class.isAssignableFrom(t) || t.isPrimitive()) {
            return "a number";
        }
        if (t == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(t) || t.isRecord()) {
            return "a mapping";
        }
        return "a " + t.getSimpleName();
    }

    /** Dotted path of the key the exception points at: {@code sessions[0].lsl.nmae}. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
