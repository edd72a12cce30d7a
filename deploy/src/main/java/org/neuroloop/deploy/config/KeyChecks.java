package org.neuroloop.deploy.config;

/**
 * The checks of single values that the config checks share: each failure is a {@link ConfigException} naming the
 * key, made by {@link ConfigResolver#fail(String, String)} so that it names the config file too.
 */
final class KeyChecks {
    private final ConfigResolver r;

    KeyChecks(ConfigResolver r) {
        this.r = r;
    }

    /** The key that once chose between NeuroLoop's LSL code and liblsl: only lsl4j is left, so it must be unset. */
    void implementation(String key, String text) {
        if (text != null) {
            fail(
                    key,
                    "'" + text + "' is no longer a choice: NeuroLoop speaks LSL through lsl4j (pure Java, read by any "
                            + "liblsl peer) and loads no liblsl; delete this key");
        }
    }

    void positiveIfSet(String key, Double v) {
        if (v != null && !(v > 0 && Double.isFinite(v))) {
            fail(key, "must be a positive number, got " + v);
        }
    }

    void nonNegativeIfSet(String key, Double v) {
        if (v != null && !(v >= 0 && Double.isFinite(v))) {
            fail(key, "must be >= 0, got " + v);
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    void fail(String key, String message) {
        throw r.fail(key, message);
    }
}
