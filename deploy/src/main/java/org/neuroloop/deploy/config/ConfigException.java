package org.neuroloop.deploy.config;

/**
 * A session config that cannot run. The message starts with the file and the dotted path of the offending key
 * (e.g. {@code mi.yaml: pipeline.filters[0].high}) and says what was expected.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String source, String key, String message) {
        this(source, key, message, null);
    }

    public ConfigException(String source, String key, String message, Throwable cause) {
        super(
                (source == null ? "" : source + ": ") + (key == null || key.isEmpty() ? "" : key + ": ") + message,
                cause);
        this.key = key;
    }

    /** Dotted path of the offending key, e.g. {@code outputs[1].udp.port}. */
    public String key() {
        return key;
    }
}
