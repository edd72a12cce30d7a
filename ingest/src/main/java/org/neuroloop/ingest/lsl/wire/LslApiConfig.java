package org.neuroloop.ingest.lsl.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.neuroloop.ingest.lsl.LoopbackConfig;
import org.neuroloop.ingest.lsl.LslException;

/**
 * The settings of {@code lsl_api.cfg} (INI) that a wire outlet needs: {@code [ports] BasePort} (16572) and
 * {@code PortRange} (32), the range liblsl's resolver sweeps with unicast queries, and {@code [lab] SessionID}
 * ("default"), which every liblsl query carries as {@code session_id='…'}. The file is the one liblsl 1.10 reads
 * ({@link LoopbackConfig#locate()}); without one the defaults apply.
 *
 * @param basePort first port of the outlet range
 * @param portRange number of ports in the range
 * @param sessionId the lab session id
 * @param source the file read, or null when the defaults apply
 */
record LslApiConfig(int basePort, int portRange, String sessionId, Path source) {
    static final int DEFAULT_BASE_PORT = 16572;
    static final int DEFAULT_PORT_RANGE = 32;
    static final String DEFAULT_SESSION_ID = "default";

    /** The config liblsl would read in this process, or the defaults. */
    static LslApiConfig load() {
        Path p = LoopbackConfig.locate();
        if (p == null) {
            return new LslApiConfig(DEFAULT_BASE_PORT, DEFAULT_PORT_RANGE, DEFAULT_SESSION_ID, null);
        }
        try {
            return parse(Files.readAllLines(p), p);
        } catch (IOException e) {
            throw new LslException("cannot read LSL config " + p + ": " + e.getMessage(), e);
        }
    }

    /** Reads the settings from {@code lsl_api.cfg} lines ({@link LoopbackConfig#parse}). */
    static LslApiConfig parse(List<String> lines, Path source) {
        Map<String, String> ini = LoopbackConfig.parse(lines);
        int base = port(ini, "ports.baseport", DEFAULT_BASE_PORT, source);
        int range = port(ini, "ports.portrange", DEFAULT_PORT_RANGE, source);
        String session = ini.getOrDefault("lab.sessionid", DEFAULT_SESSION_ID);
        if (base + range - 1 > 65535) {
            throw new LslException("LSL config " + source + ": [ports] BasePort " + base + " + PortRange " + range
                    + " goes beyond port 65535");
        }
        return new LslApiConfig(base, range, session.isEmpty() ? DEFAULT_SESSION_ID : session, source);
    }

    private static int port(Map<String, String> ini, String key, int dflt, Path source) {
        String v = ini.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int p = Integer.parseInt(v.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LslException("LSL config " + source + ": " + key + " = '" + v + "', expected an integer in 1..65535");
    }
}
