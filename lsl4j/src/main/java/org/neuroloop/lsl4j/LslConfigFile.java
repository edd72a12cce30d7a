package org.neuroloop.lsl4j;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of one {@code lsl_api.cfg} with the path it was read from, as a value that can travel (serialized with a
 * job to machines that do not see the file) and become an {@link LslConfig} there. Endpoints given the
 * {@link #config()} use these settings instead of this process's ({@link LslConfig#current()}).
 *
 * @param path where the text was read (names it in messages and in {@link LslConfig#source()})
 * @param text the file's content
 */
public record LslConfigFile(String path, String text) implements Serializable {
    private static final long serialVersionUID = 1L;

    public LslConfigFile {
        if (path == null || text == null) {
            throw new IllegalArgumentException("LSL config file: path and text are required");
        }
        config(path, text); // a bad value fails here, where the file is named, not in the first endpoint
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws LslException naming the file when it cannot be read or has a bad value
     */
    public static LslConfigFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LslException("cannot read LSL config " + file + ": " + e.getMessage(), e);
        }
        return new LslConfigFile(file.toString(), text);
    }

    /** The settings of this file. */
    public LslConfig config() {
        return config(path, text);
    }

    private static LslConfig config(String path, String text) {
        return LslConfig.parse(text.lines().toList(), Path.of(path));
    }
}
