package org.neuroloop.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslConfigFile;

/**
 * {@code lsl.config}: resolved against the YAML's folder, read once into the resolved config (so it travels with a
 * cluster job), handed to every LSL source and output, shown by {@code check}, and named in every error.
 */
class LslConfigKeyTest {
    @TempDir
    Path dir;

    static final String YAML = """
            name: t
            lsl: {config: %s}
            sessions:
              - id: s1
                lsl: {name: nl-lslcfg-key-eeg, markers: nl-lslcfg-key-markers}
            pipeline:
              detector: {type: threshold, channels: ["0"], measure: amplitude, on: 150, off: 75}
            outputs:
              - lsl: {name: nl-lslcfg-key-stim}
            """;

    private ResolvedConfig resolve(String config) throws Exception {
        Path yaml = dir.resolve("session.yaml");
        Files.writeString(yaml, YAML.formatted(config));
        return ConfigResolver.load(yaml);
    }

    @Test
    void aRelativePathIsReadIntoTheResolvedConfigAndReachesEverySourceAndOutput() throws Exception {
        Files.createDirectories(dir.resolve("lab"));
        Path cfg = dir.resolve("lab/lsl_api.cfg");
        Files.writeString(
                cfg, "[multicast]\nResolveScope = machine\n[lab]\nKnownPeers = {127.0.0.1}\nSessionID = lab-7\n");
        ResolvedConfig c = resolve("lab/lsl_api.cfg");
        assertEquals(cfg.toAbsolutePath().toString(), c.lslConfig().path());
        ResolvedConfig.Session s = c.sessions().get(0);
        assertEquals("lab-7", s.lsl().lslSettings().sessionId());
        assertEquals("lab-7", s.markers().lslSettings().sessionId());
        TransportSpec.LslMarkers out =
                (TransportSpec.LslMarkers) c.outputs().get(0).transport();
        assertEquals("lab-7", out.lslSettings().sessionId());

        String check = ResolvedConfigYaml.yaml(c);
        assertTrue(check.contains("config: " + cfg.toAbsolutePath()) && check.contains("session_id 'lab-7'"), check);

        // what a TaskManager gets: the serialized config, without the file
        Files.delete(cfg);
        LslConfigFile travelled = roundTrip(c.lslConfig());
        LslConfig there = travelled.config();
        assertEquals("lab-7", there.sessionId());
        assertEquals(cfg.toAbsolutePath(), there.source());
    }

    @Test
    void withoutTheKeyEachProcessUsesItsOwnSettings() throws Exception {
        Path yaml = dir.resolve("session.yaml");
        Files.writeString(yaml, YAML.replace("lsl: {config: %s}\n", ""));
        ResolvedConfig c = ConfigResolver.load(yaml);
        assertNull(c.lslConfig());
        assertNull(c.sessions().get(0).lsl().lslConfig());
        assertTrue(ResolvedConfigYaml.yaml(c).contains("config: null"), ResolvedConfigYaml.yaml(c));
    }

    @Test
    void aMissingOrInvalidFileIsNamedWithTheKey() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> resolve("nowhere.cfg"));
        assertEquals("lsl.config", missing.key());
        assertTrue(missing.getMessage().contains(dir.resolve("nowhere.cfg").toString()), missing.getMessage());

        Files.writeString(dir.resolve("bad.cfg"), "[ports]\nBasePort = lots\n");
        ConfigException bad = assertThrows(ConfigException.class, () -> resolve("bad.cfg"));
        assertEquals("lsl.config", bad.key());
        assertTrue(bad.getMessage().contains("bad.cfg") && bad.getMessage().contains("baseport"), bad.getMessage());

        ConfigException typo = assertThrows(ConfigException.class, () -> {
            Path yaml = dir.resolve("typo.yaml");
            Files.writeString(yaml, YAML.formatted("x.cfg").replace("{config:", "{confg:"));
            ConfigResolver.load(yaml);
        });
        assertEquals("lsl.confg", typo.key());
    }

    private static LslConfigFile roundTrip(LslConfigFile f) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (LslConfigFile) in.readObject();
        }
    }
}
