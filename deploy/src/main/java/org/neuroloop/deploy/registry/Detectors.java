package org.neuroloop.deploy.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The detectors a session config can name, by {@link DetectorType#name()}: the built-in ones
 * ({@link BuiltInDetector}) and any registered by the application. The resolver looks types up here and the job
 * builds their operators; nothing else switches on detector names.
 */
public final class Detectors {
    private static final Map<String, DetectorType> TYPES = Collections.synchronizedMap(new LinkedHashMap<>());

    static {
        for (BuiltInDetector d : BuiltInDetector.values()) {
            TYPES.put(d.type().name(), d.type());
        }
    }

    private Detectors() {}

    /** Adds (or replaces) a detector type under its name. */
    public static void register(DetectorType type) {
        TYPES.put(type.name(), type);
    }

    public static Optional<DetectorType> find(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** Every registered type, in registration order. */
    public static Collection<DetectorType> all() {
        synchronized (TYPES) {
            return List.copyOf(TYPES.values());
        }
    }
}
