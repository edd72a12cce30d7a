package org.neuroloop.deploy.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.classifiers.mi.flink.MotorImageryDecoderFunction;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.deploy.config.ConfigResolver;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.SessionConfigLoader;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;

/**
 * The motor-imagery pipeline from a YAML config on a MiniCluster: the motor-imagery decoder trained on EEGMMIDB
 * S001R04,
 * the job fed S001R08 raw; decisions equal the decoder run on the offline band-passed stream, and policy
 * commands are identical across two replays.
 */
class MotorImageryJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final Path DIR = Path.of("../shared/data/mi/eegmmidb");
    static final Band BAND = new Band(8, 30);

    @TempDir
    static Path tmp;

    static MotorImageryModel model;
    static RecordedStream r08;

    @BeforeAll
    static void train() throws Exception {
        Recording r04 = EdfReader.read(DIR.resolve("S001R04.edf"));
        TrialSet train = MotorImageryEpochs.extract(
                List.of(r04),
                List.of("S001R04.edf"),
                ClassLabels.parse("T1=left,T2=right"),
                new EpochWindow(0.5, 2.5),
                BAND);
        model = MotorImageryModel.train(PipelineSpec.of("ts-lr"), train, BAND, new EpochWindow(0.5, 2.5));
        model.save(tmp.resolve("s001.json"));
        r08 = EdfReader.read(DIR.resolve("S001R08.edf")).mainStream().orElseThrow();
    }

    static List<Chunk> chunks(double[] samples, String session, int size) {
        int ch = r08.channelCount();
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < r08.sampleCount(); i += size) {
            int n = Math.min(size, r08.sampleCount() - i);
            out.add(new Chunk(
                    session,
                    i,
                    Arrays.copyOfRange(r08.timestamps(), i, i + n),
                    Arrays.copyOfRange(samples, i * ch, (i + n) * ch),
                    ch,
                    r08.nominalRate(),
                    0));
        }
        return out;
    }

    static String yaml(Path log) {
        return """
                name: mi-test
                sessions:
                  - id: s001
                    recording: {path: %s}
                pipeline:
                  quality: {flatSeconds: 0}
                  classifier: {type: mi, model: s001.json, stepSeconds: 0.1, targetClass: 1}
                  policy: {action: feedback-right, onThreshold: 0.65, offThreshold: 0.5, minConsecutive: 3, refractorySeconds: 1}
                outputs:
                  - jsonl: {path: %s}
                flink: {parallelism: 1, bufferTimeoutMs: 0}
                """.formatted(DIR.resolve("S001R08.edf").toAbsolutePath(), log);
    }

    record Result(List<Prediction> predictions, List<StimulationCommand> commands) {}

    static Result replay(Path log) throws Exception {
        ConfigResolver v = new ConfigResolver("mi.yaml", tmp);
        ResolvedConfig config = v.resolve(SessionConfigLoader.parse(yaml(log), "mi.yaml"));
        List<Chunk> input = chunks(r08.samples(), "s001", 16);
        JobSources memory = env -> env.fromData(input, TypeInformation.of(Chunk.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Chunk>forMonotonousTimestamps()
                        .withTimestampAssigner((c, ts) -> (long) (c.lastTimestamp() * 1000)));
        List<Prediction> predictions = new ArrayList<>();
        List<StimulationCommand> commands = new ArrayList<>();
        NeuroLoopJob job = new NeuroLoopJob(config.withClock(DecisionClock.RECORDING), memory, streams -> {});
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.configure(env);
        SessionStreams streams = job.build(env);
        ConfiguredOutputs.of(config).attach(streams);
        try (CloseableIterator<Prediction> p = streams.predictions().collectAsync();
                CloseableIterator<StimulationCommand> c = streams.commands().collectAsync()) {
            env.execute("mi");
            p.forEachRemaining(predictions::add);
            c.forEachRemaining(commands::add);
        }
        predictions.sort(Comparator.comparingDouble(Prediction::timestamp));
        commands.sort(Comparator.comparing(StimulationCommand::id));
        return new Result(predictions, commands);
    }

    @Test
    void predictionsEqualTheDecoderOnTheOfflineFilteredStreamAndReplaysRepeat() throws Exception {
        Result first = replay(tmp.resolve("first.jsonl"));
        // reference: the motor-imagery decoder on the stream band-passed offline from zero state
        double[] filtered = SosFilter.zeroState(BAND.design(r08.nominalRate()), r08.channelCount())
                .process(r08.samples());
        List<Prediction> expected;
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MotorImageryDecoderFunction(model, 0.1)),
                Chunk::sessionId,
                Types.STRING)) {
            h.open();
            for (Chunk c : chunks(filtered, "s001", 100)) {
                h.processElement(c, 0);
            }
            expected = h.extractOutputValues();
        }
        assertEquals(expected.size(), first.predictions().size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).timestamp(), first.predictions().get(k).timestamp());
            assertArrayEquals(
                    expected.get(k).probabilities(), first.predictions().get(k).probabilities(), 1e-9);
        }
        assertFalse(first.commands().isEmpty(), "confident right-hand decisions should trigger feedback");
        for (StimulationCommand c : first.commands()) {
            assertEquals("feedback-right", c.action());
            assertTrue(c.value() >= 0.65);
        }
        Result second = replay(tmp.resolve("second.jsonl"));
        assertEquals(first.commands(), second.commands());
        long logged = Files.readAllLines(tmp.resolve("first.jsonl")).stream()
                .filter(l -> l.contains("feedback-right"))
                .count();
        assertEquals(first.commands().size(), logged, "every command is in the JSONL output");
    }
}
