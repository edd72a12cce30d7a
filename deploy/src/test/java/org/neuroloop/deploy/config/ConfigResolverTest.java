package org.neuroloop.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.detect.ThresholdParameters;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.ingest.synthetic.EventSchedule;
import org.neuroloop.ingest.synthetic.LoopedEeg;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/** Every config mistake fails before start with a message naming the file and the key. */
class ConfigResolverTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            name: t
            sessions:
              - id: s1
                synthetic: {scenario: spindles, channels: 2, rate: 200, seconds: 10}
            pipeline:
              filters:
                - {type: bandpass, low: 1, high: 40, order: 4}
                - {type: notch, freq: 50}
            flink:
              parallelism: 1
              bufferTimeoutMs: 0
              restart: {strategy: fixed-delay, attempts: 2, delayMs: 100}
            """;

    private ConfigException fails(String yaml) {
        return assertThrows(ConfigException.class, () -> {
            SessionConfig c = SessionConfigLoader.parse(yaml, "test.yaml");
            new ConfigResolver("test.yaml", dir).resolve(c);
        });
    }

    private void assertKey(String key, ConfigException e, String... words) {
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.yaml: " + key + ": "), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void aGoodConfigPasses() {
        ResolvedConfig c = new ConfigResolver("test.yaml", dir).resolve(SessionConfigLoader.parse(GOOD, "test.yaml"));
        assertEquals(2, c.pipeline().filters().size());
        assertEquals(1, c.sessions().size());
    }

    @Test
    void unknownKeysAreNamedWithTheirPath() {
        assertKey(
                "pipeline.filters[0].hihg", fails(GOOD.replace("high: 40", "hihg: 40")), "unknown key 'hihg'", "high");
        assertKey("sessions[0].synthetic.chanels", fails(GOOD.replace("channels: 2", "chanels: 2")), "unknown key");
        assertKey("flnk", fails(GOOD.replace("flink:", "flnk:")), "unknown key 'flnk'");
    }

    @Test
    void wrongTypesAreNamed() {
        assertKey("flink.parallelism", fails(GOOD.replace("parallelism: 1", "parallelism: many")), "many");
        assertKey("pipeline.filters", fails(GOOD.replace("""
                  filters:
                    - {type: bandpass, low: 1, high: 40, order: 4}
                    - {type: notch, freq: 50}
                """, "  filters: 7\n")), "list");
    }

    @Test
    void impossibleFiltersAreNamed() {
        assertKey("pipeline.filters[0].high", fails(GOOD.replace("high: 40", "high: 120")), "Nyquist", "100.0 Hz");
        assertKey("pipeline.filters[0].high", fails(GOOD.replace("high: 40", "high: 0.5")), "above low");
        assertKey("pipeline.filters[0].order", fails(GOOD.replace("order: 4", "order: 0")), "1..16");
        assertKey("pipeline.filters[1].type", fails(GOOD.replace("type: notch", "type: comb")), "comb");
        assertKey("pipeline.filters[1].freq", fails(GOOD.replace("freq: 50", "freq: 150")), "Nyquist");
    }

    @Test
    void missingFilesAndModelsAreNamed() {
        assertKey(
                "sessions[0].recording.path",
                fails(GOOD.replace(
                        "synthetic: {scenario: spindles, channels: 2, rate: 200, seconds: 10}",
                        "recording: {path: nowhere.edf}")),
                "nowhere.edf");
        String mi = GOOD + """
                  classifier: {type: mi, model: missing-model.json}
                """;
        mi = mi.replace(
                "flink:\n  parallelism: 1\n  bufferTimeoutMs: 0\n  restart: {strategy: fixed-delay, attempts: 2, delayMs: 100}\n  classifier",
                "  classifier");
        ConfigException e =
                fails(GOOD.replace("pipeline:\n", "pipeline:\n  classifier: {type: mi, model: missing-model.json}\n"));
        assertKey("pipeline.classifier.model", e, "missing-model.json");
    }

    @Test
    void unreachableOutputsAreNamed() {
        assertKey("outputs[0].udp.host", fails(GOOD + """
                outputs:
                  - udp: {host: no-such-host.invalid, port: 9000}
                """), "no-such-host.invalid");
        assertKey("outputs[0].udp.port", fails(GOOD + """
                outputs:
                  - udp: {host: 127.0.0.1, port: 70000}
                """), "70000");
        assertKey("outputs[0].jsonl.path", fails(GOOD + """
                outputs:
                  - jsonl: {path: /no/such/dir/events.jsonl}
                """), "/no/such/dir");
        assertKey("outputs[0].serial.port", fails(GOOD + """
                outputs:
                  - serial: {port: /dev/ttyNOPE9}
                """), "/dev/ttyNOPE9");
        assertKey("outputs[0]", fails(GOOD + """
                outputs:
                  - {}
                """), "exactly one");
        assertKey(
                "outputs[0].lsl.implementation",
                fails(GOOD + """
                outputs:
                  - lsl: {name: Stim, implementation: liblsl}
                """),
                "'liblsl' is no longer a choice",
                "lsl4j",
                "delete this key");
    }

    @Test
    void sessionsAndFlinkSettingsAreChecked() {
        assertKey("sessions[1].id", fails(GOOD.replace("sessions:\n", """
                sessions:
                  - id: s1
                    lsl: {name: Amp1, type: EEG}
                """)), "duplicate");
        assertKey("sessions[0]", fails(GOOD.replace("synthetic:", "lsl: {name: A}\n    synthetic:")), "exactly one");
        assertKey(
                "sessions[0].lsl",
                fails(GOOD.replace(
                        "synthetic: {scenario: spindles, channels: 2, rate: 200, seconds: 10}", "lsl: {type: EEG}")),
                "name or sourceId");
        assertKey(
                "sessions[0].lsl.implementation",
                fails(GOOD.replace(
                        "synthetic: {scenario: spindles, channels: 2, rate: 200, seconds: 10}",
                        "lsl: {name: Amp1, implementation: wire}")),
                "'wire' is no longer a choice",
                "delete this key");
        assertKey("flink.restart.strategy", fails(GOOD.replace("fixed-delay", "sometimes")), "sometimes");
        assertKey("flink.checkpoint.intervalMs", fails(GOOD + "  checkpoint: {intervalMs: 1}\n"), ">= 10");
        assertKey("sessions", fails("name: x\n"), "at least one session");
    }

    @Test
    void policyValuesAreCheckedByThePolicyItself() {
        String yaml = GOOD.replace("pipeline:\n", """
                pipeline:
                  detector: {type: spindles}
                  policy: {onThreshold: 0.2, offThreshold: 0.5}
                """);
        assertKey("pipeline.policy", fails(yaml), "offThreshold");
        assertKey(
                "pipeline.policy",
                fails(GOOD.replace("pipeline:\n", "pipeline:\n  policy: {action: pulse}\n")),
                "classifier or a detector");
    }

    @Test
    void malformedYamlAndMissingFilesAreReported() throws Exception {
        ConfigException e = fails("sessions: [\n");
        assertTrue(e.getMessage().startsWith("test.yaml: not valid YAML"), e.getMessage());
        Path missing = dir.resolve("nope.yaml");
        ConfigException e2 = assertThrows(ConfigException.class, () -> SessionConfigLoader.load(missing));
        assertTrue(e2.getMessage().contains("no such file"), e2.getMessage());
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, GOOD);
        assertEquals("t", SessionConfigLoader.load(good).name());
    }

    static String withDetector(String detector, String policy) {
        return """
                name: t
                sessions:
                  - id: s1
                    synthetic: {scenario: spindles, labels: [C3, C4, Cz], rate: 200, seconds: 10, speed: max}
                pipeline:
                  detector: %s
                  policy: %s
                """.formatted(detector, policy);
    }

    @Test
    void everyDetectorParameterIsSettableFromYamlAndTheRestKeepTheirDefaults() {
        ResolvedConfig c = new ConfigResolver("test.yaml", dir)
                .resolve(SessionConfigLoader.parse(
                        withDetector(
                                "{type: spindles, channel: Cz, zRmsStart: 2.5, fireSeconds: 0.1}",
                                "{refractorySeconds: 3}"),
                        "test.yaml"));
        var p = (SpindleParameters) c.pipeline().detector().parameters();
        assertEquals(2.5, p.zRmsStart());
        assertEquals(0.1, p.fireSeconds());
        assertEquals(SpindleParameters.defaults().zRelStart(), p.zRelStart());
        assertEquals(2, c.pipeline().detector().channels()[0], "Cz is the third label");
        assertEquals(3.0, c.pipeline().policy().refractorySeconds());
        assertEquals(
                PolicyConfig.defaults().maxPerMinute(), c.pipeline().policy().maxPerMinute());

        ResolvedConfig t = new ConfigResolver("test.yaml", dir)
                .resolve(SessionConfigLoader.parse(
                        withDetector(
                                "{type: threshold, channels: [C3, C4], measure: bandpower, \"on\": 40, \"off\": 10, lowHz: 8, highHz: 12}",
                                "{}"),
                        "test.yaml"));
        var tp = (ThresholdParameters) t.pipeline().detector().parameters();
        assertEquals(ThresholdParameters.Measure.BANDPOWER, tp.measure());
        assertEquals(8.0, tp.lowHz());
        assertEquals(2, t.pipeline().detector().channels().length);
    }

    @Test
    void anUnknownDetectorParameterIsNamedWithTheKnownOnes() {
        ConfigException e = fails(withDetector("{type: spindles, channel: C3, zRmsStrat: 2}", "{}"));
        assertKey("pipeline.detector", e, "zRmsStrat", "unknown parameter", "zRmsStart");
        assertKey(
                "pipeline.detector",
                fails(withDetector("{type: threshold, channels: [C3], \"on\": 10, \"off\": 20}", "{}")),
                "off <= on");
        assertKey(
                "pipeline.detector.type",
                fails(withDetector("{type: blinks, channel: C3}", "{}")),
                "blinks",
                "spindles",
                "threshold");
    }

    @Test
    void replayDecidesOnTheRecordingClockWithoutTheStaleWatch() {
        ResolvedConfig c = new ConfigResolver("test.yaml", dir)
                .resolve(SessionConfigLoader.parse(withDetector("{type: spindles, channel: C3}", "{}"), "test.yaml"));
        assertEquals(DecisionClock.RECORDING, c.clock());
        assertEquals(0, c.pipeline().staleMillis(), "processing-time staleness means nothing on a file's clock");
        assertEquals(ResolvedConfig.Control.NONE, c.control());
        String printed = ResolvedConfigYaml.yaml(c);
        assertTrue(printed.contains("zRelStart: 1.5"), "defaults are shown: " + printed);
        assertTrue(printed.contains("decisionClock: recording"), printed);
    }

    @Test
    void aLoopedSyntheticSessionSharesTheLoopsEventsAndBadLoopsAreNamed() {
        String looped = GOOD.replace("seconds: 10}", "seconds: 10, seed: 7, loopSeconds: 30}");
        ResolvedConfig c = new ConfigResolver("test.yaml", dir).resolve(SessionConfigLoader.parse(looped, "test.yaml"));
        SyntheticEegConfig eeg = c.sessions().get(0).synthetic();
        assertEquals(30, eeg.loopSeconds());
        assertEquals(7, eeg.seed(), "the session's seed chooses its offset in the loop");
        assertEquals(EventSchedule.sleep(30, 6, 0, LoopedEeg.LOOP_SEED), eeg.schedule(), "the loop's events");
        assertTrue(ResolvedConfigYaml.yaml(c).contains("loopSeconds: 30"));
        assertKey(
                "sessions[0].synthetic.loopSeconds",
                fails(GOOD.replace("seconds: 10}", "seconds: 10, loopSeconds: 0.5}")),
                "0 (no loop) or 1 to 3600");
    }
}
