package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvConfig;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SubjectTrials;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;

/**
 * simpleconv as the classifier of a session YAML ({@code classifier: {type: simpleconv, model: M}}) in
 * {@link NeuroLoopJob} on a MiniCluster: a tiny network pretrained on S006R04 and fine-tuned on S001R04 decodes the
 * recording S001R08 read by the job's own recording source; every decision equals the offline network on the same
 * band-passed, aligned window to 1e-5 in probability, and the policy acts on them.
 */
class SimpleConvJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final Path DIR = Path.of("../shared/data/mi/eegmmidb");
    static final Band BAND = new Band(8, 30);
    static final EpochWindow WINDOW = new EpochWindow(0.5, 2.5);

    @TempDir
    static Path tmp;

    static SimpleConvModel model;

    static SubjectTrials subject(String name, String file) throws Exception {
        Recording r = EdfReader.read(DIR.resolve(file));
        return SubjectTrials.of(
                name,
                MotorImageryEpochs.extract(
                        List.of(r), List.of(file), ClassLabels.parse("T1=left,T2=right"), WINDOW, BAND));
    }

    @BeforeAll
    static void train() throws Exception {
        SimpleConvConfig tiny = SimpleConvConfig.DEFAULT.withSize(8, 8, 1, 80).withSchedule(1, 1);
        SimpleConvModel pre = SimpleConvModel.pretrain(
                tiny, List.of(subject("S006", "S006R04.edf")), BAND, WINDOW, TrainingProgress.SILENT);
        pre.save(tmp.resolve("pre.model"));
        SubjectTrials s001 = subject("S001", "S001R04.edf");
        model = pre.fineTune(s001.aligned(), s001.trials().labels(), s001.alignment(), TrainingProgress.SILENT);
        model.save(tmp.resolve("s001.model"));
    }

    static String yaml(String classifier) {
        return """
                name: simpleconv-test
                sessions:
                  - id: s001
                    recording: {path: %s, speed: max}
                pipeline:
                  quality: {flatSeconds: 0}
                  classifier: %s
                  policy: {action: feedback-right, onThreshold: 0.5, offThreshold: 0.4, minConsecutive: 1, refractorySeconds: 1}
                flink: {parallelism: 1, bufferTimeoutMs: 0}
                """.formatted(DIR.resolve("S001R08.edf").toAbsolutePath(), classifier);
    }

    static ResolvedConfig resolve(String yaml) {
        return new ConfigResolver("mi.yaml", tmp).resolve(SessionConfigLoader.parse(yaml, "mi.yaml"));
    }

    @Test
    void decisionsFromTheYamlEqualTheOfflineNetwork() throws Exception {
        ResolvedConfig config =
                resolve(yaml("{type: simpleconv, model: s001.model, stepSeconds: 0.25, targetClass: 1}"));
        assertEquals(
                ResolvedConfig.ClassifierKind.SIMPLECONV,
                config.pipeline().classifier().kind());
        JobEvents out = LocalRun.run(
                NeuroLoopJob.fromConfig(config.withClock(DecisionClock.RECORDING)),
                StreamExecutionEnvironment.getExecutionEnvironment(),
                "simpleconv");
        List<Prediction> online = new ArrayList<>(out.predictions());
        online.sort(Comparator.comparingDouble(Prediction::timestamp));

        RecordedStream s =
                EdfReader.read(DIR.resolve("S001R08.edf")).mainStream().orElseThrow();
        int ch = s.channelCount();
        int w = model.epochSamples();
        // offline: the whole recording band-passed from zero state, each decision's window aligned and classified
        double[] filtered =
                SosFilter.zeroState(BAND.design(s.nominalRate()), ch).process(s.samples());
        int step = (int) Math.round(0.25 * s.nominalRate());
        int expected = 0;
        for (int seq = w - 1; seq < s.sampleCount(); seq++) {
            expected += (seq + 1) % step == 0 ? 1 : 0;
        }
        assertEquals(expected, online.size(), "one decision per step once the window is full");
        for (Prediction p : online) {
            int end = (int) Math.round((p.timestamp() - s.timestamps()[0]) * s.nominalRate());
            double[][] epoch = new double[ch][w];
            for (int t = 0; t < w; t++) {
                for (int c = 0; c < ch; c++) {
                    epoch[c][t] = filtered[(end - w + 1 + t) * ch + c];
                }
            }
            double offline =
                    model.predictProba1(new double[][][] {model.alignment().apply(epoch)})[0];
            assertEquals(offline, p.probabilities()[1], 1e-5, "decision at " + p.timestamp());
        }
        long confident =
                online.stream().filter(p -> p.probabilities()[1] >= 0.5).count();
        assertTrue(confident == 0 || !out.commands().isEmpty(), "the policy acts on confident decisions");
        assertTrue(out.commands().stream().allMatch(c -> c.action().equals("feedback-right") && c.value() >= 0.5));
    }

    @Test
    void aPretrainedModelWithoutAlignmentOrABadTypeIsRefusedNamingTheKey() {
        ConfigException pre =
                assertThrows(ConfigException.class, () -> resolve(yaml("{type: simpleconv, model: pre.model}")));
        assertTrue(
                pre.getMessage().contains("pipeline.classifier.model")
                        && pre.getMessage().contains("fine-tune"),
                pre.getMessage());
        ConfigException type =
                assertThrows(ConfigException.class, () -> resolve(yaml("{type: deep, model: s001.model}")));
        assertTrue(type.getMessage().contains("pipeline.classifier.type"), type.getMessage());
        ConfigException recenter = assertThrows(
                ConfigException.class, () -> resolve(yaml("{type: simpleconv, model: s001.model, recenter: true}")));
        assertTrue(recenter.getMessage().contains("pipeline.classifier.recenter"), recenter.getMessage());
    }
}
