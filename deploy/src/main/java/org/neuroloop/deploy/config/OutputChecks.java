package org.neuroloop.deploy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks of the {@code outputs} that {@link ConfigChecks} runs: each output must be reachable or writable before
 * the job starts (a host that resolves, a serial device that exists, a folder that can be written).
 */
final class OutputChecks {
    private final ConfigResolver r;
    private final KeyChecks keys;

    OutputChecks(ConfigResolver r, KeyChecks keys) {
        this.r = r;
        this.keys = keys;
    }

    /** Fails with the first problem of the output at {@code key}. */
    void check(String key, OutputSpec o) {
        String kind = o.kind();
        if (kind == null) {
            keys.fail(key, "exactly one of lsl, udp, serial, audio, jsonl is needed");
        }
        switch (kind) {
            case "lsl" ->
                keys.implementation(key + ".lsl.implementation", o.lsl().implementation());
            case "udp" -> {
                String host = o.udp().host() == null ? "127.0.0.1" : o.udp().host();
                try {
                    InetAddress.getByName(host);
                } catch (UnknownHostException e) {
                    keys.fail(key + ".udp.host", "cannot resolve '" + host + "'");
                }
                if (o.udp().port() == null || o.udp().port() < 1 || o.udp().port() > 65535) {
                    keys.fail(
                            key + ".udp.port",
                            "expected a port 1..65535, got " + o.udp().port());
                }
            }
            case "serial" -> {
                if (KeyChecks.blank(o.serial().port())) {
                    keys.fail(key + ".serial.port", "missing (e.g. /dev/ttyUSB0)");
                }
                if (o.serial().port().startsWith("/")
                        && !Files.exists(Path.of(o.serial().port()))) {
                    keys.fail(
                            key + ".serial.port", "no such device " + o.serial().port());
                }
            }
            case "jsonl" -> writableFile(key + ".jsonl.path", o.jsonl().path());
            case "audio" -> {
                if (o.audio().wavFolder() != null) {
                    Path d = r.resolve(o.audio().wavFolder());
                    if (!Files.isDirectory(d) || !Files.isWritable(d)) {
                        keys.fail(key + ".audio.wavFolder", d + " is not a writable directory");
                    }
                }
                keys.positiveIfSet(key + ".audio.seconds", o.audio().seconds());
            }
            default -> {
                // LSL outlets are always creatable on loopback.
            }
        }
    }

    private void writableFile(String key, String path) {
        if (KeyChecks.blank(path)) {
            keys.fail(key, "missing");
        }
        Path p = r.resolve(path).toAbsolutePath();
        Path dir = p.getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            keys.fail(key, "directory " + dir + " does not exist or is not writable");
        }
    }
}
