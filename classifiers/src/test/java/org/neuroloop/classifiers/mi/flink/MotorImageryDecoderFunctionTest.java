package org.neuroloop.classifiers.mi.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.PipelineSpec;
import org.neuroloop.classifiers.mi.Trial;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;

/**
 * The keyed decoder on EEGMMIDB S001: trained on R04, run over R08's band-passed stream; decisions at the end of
 * each cue window equal the offline pipeline's, whatever the chunking, and state survives snapshot/restore.
 */
class MotorImageryDecoderFunctionTest {

    static final Path DIR = Path.of("../shared/data/mi/eegmmidb");
    static final ClassLabels LABELS = ClassLabels.parse("T1=left,T2=right");
    static final EpochWindow WINDOW = new EpochWindow(0.5, 2.5);
    static final Band BAND = new Band(8, 30);

    static Recording r04;
    static Recording r08;
    static MotorImageryModel tsLr;
    static MotorImageryModel tsLrRecenter;

    @BeforeAll
    static void train() throws Exception {
        r04 = EdfReader.read(DIR.resolve("S001R04.edf"));
        r08 = EdfReader.read(DIR.resolve("S001R08.edf"));
        TrialSet train = MotorImageryEpochs.extract(List.of(r04), List.of("S001R04.edf"), LABELS, WINDOW, BAND);
        tsLr = MotorImageryModel.train(PipelineSpec.of("ts-lr"), train, BAND, WINDOW);
        tsLrRecenter = MotorImageryModel.train(PipelineSpec.of("ts-lr").withRecenter(true), train, BAND, WINDOW);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Chunk, Prediction> harness(MotorImageryModel m)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MotorImageryDecoderFunction(m, 0.1)), Chunk::sessionId, Types.STRING);
    }

    /** The recording's main stream band-passed from zero state, cut into chunks of {@code size} samples. */
    static List<Chunk> filteredChunks(Recording r, String session, int size) {
        RecordedStream s = r.mainStream().orElseThrow();
        double[] y = SosFilter.zeroState(BAND.design(s.nominalRate()), s.channelCount())
                .process(s.samples());
        return chunks(s, y, session, size);
    }

    /** The first {@code seconds} of {@link #filteredChunks} (keeps the decision count, and the test time, small). */
    static List<Chunk> firstSeconds(Recording r, int size, double seconds) {
        return filteredChunks(r, "s1", size).stream()
                .filter(c -> c.timestamps()[0] < seconds)
                .toList();
    }

    static List<Chunk> chunks(RecordedStream s, double[] samples, String session, int size) {
        int ch = s.channelCount();
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < s.sampleCount(); i += size) {
            int n = Math.min(size, s.sampleCount() - i);
            out.add(new Chunk(
                    session,
                    i,
                    Arrays.copyOfRange(s.timestamps(), i, i + n),
                    Arrays.copyOfRange(samples, i * ch, (i + n) * ch),
                    ch,
                    s.nominalRate(),
                    0));
        }
        return out;
    }

    static List<Prediction> run(MotorImageryModel m, List<Chunk> chunks) throws Exception {
        try (var h = harness(m)) {
            h.open();
            for (Chunk c : chunks) {
                h.processElement(c, 0);
            }
            return h.extractOutputValues();
        }
    }

    /** The prediction made on the window that ends with the trial's last epoch sample. */
    static Prediction decisionAtEndOf(Trial t, List<Prediction> predictions, double fs, double t0) {
        double end = t0 + (t.onsetSample() + WINDOW.startOffset(fs) + WINDOW.length(fs) - 1) / fs;
        return predictions.stream()
                .filter(p -> Math.abs(p.timestamp() - end) < 1e-9)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no decision at " + end + " s for " + t));
    }

    @Test
    void decisionsAtCueWindowEndsEqualTheOfflinePipeline() throws Exception {
        TrialSet test = MotorImageryEpochs.extract(List.of(r08), List.of("S001R08.edf"), LABELS, WINDOW, BAND);
        double[][] offline = tsLr.predictProba(test);
        List<Prediction> online = run(tsLr, filteredChunks(r08, "s1", 37));
        int n = r08.mainStream().orElseThrow().sampleCount();
        assertEquals(
                (n - 320) / 16 + 1, online.size(), "one decision every 16 samples once the 320-sample window is full");
        double t0 = r08.mainStream().orElseThrow().timestamps()[0];
        for (int i = 0; i < test.size(); i++) {
            Prediction p = decisionAtEndOf(test.trials().get(i), online, 160, t0);
            assertArrayEquals(offline[i], p.probabilities(), 1e-9, "trial " + i);
            assertEquals(offline[i][1] > offline[i][0] ? 1 : 0, p.predictedClass());
            assertEquals(0, p.flags());
        }
    }

    @Test
    void chunkingDoesNotChangeDecisions() throws Exception {
        List<Prediction> a = run(tsLrRecenter, firstSeconds(r08, 7, 12));
        List<Prediction> b = run(tsLrRecenter, firstSeconds(r08, 160, 12));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).timestamp(), b.get(i).timestamp());
            assertArrayEquals(a.get(i).probabilities(), b.get(i).probabilities(), 1e-12);
        }
    }

    @Test
    void recenteringReferenceSurvivesSnapshotAndRestore() throws Exception {
        List<Chunk> chunks = firstSeconds(r08, 40, 12);
        List<Prediction> straight = run(tsLrRecenter, chunks);
        List<Prediction> resumed = new ArrayList<>();
        OperatorSubtaskState snapshot;
        int cut = chunks.size() / 2;
        try (var h = harness(tsLrRecenter)) {
            h.open();
            for (Chunk c : chunks.subList(0, cut)) {
                h.processElement(c, 0);
            }
            assertEquals(1, h.numKeyedStateEntries());
            snapshot = h.snapshot(1, 1);
            resumed.addAll(h.extractOutputValues());
        }
        try (var h = harness(tsLrRecenter)) {
            h.initializeState(snapshot);
            h.open();
            for (Chunk c : chunks.subList(cut, chunks.size())) {
                h.processElement(c, 0);
            }
            resumed.addAll(h.extractOutputValues());
        }
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).probabilities(), resumed.get(i).probabilities(), 1e-9, "decision " + i);
        }
    }

    @Test
    void badChunksFlagTheDecisionsWhoseWindowHoldsThem() throws Exception {
        List<Chunk> chunks = new ArrayList<>(firstSeconds(r08, 16, 20));
        chunks.set(100, chunks.get(100).withFlags(ChunkFlags.CLIPPED));
        List<Prediction> out = run(tsLr, chunks);
        double badEnd = chunks.get(100).lastTimestamp();
        for (Prediction p : out) {
            boolean inside = p.timestamp() >= badEnd && p.timestamp() < badEnd + 2.0 - 1e-9;
            assertEquals(inside ? ChunkFlags.CLIPPED : 0, p.flags(), "decision at " + p.timestamp());
        }
    }

    @Test
    void channelCountMismatchFailsNamingTheSession() throws Exception {
        Chunk wrong = new Chunk("s9", 0, new double[] {0}, new double[10], 10, 160, 0);
        try (var h = harness(tsLr)) {
            h.open();
            Exception e = assertThrows(Exception.class, () -> h.processElement(wrong, 0));
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof IllegalArgumentException)) {
                root = root.getCause();
            }
            assertTrue(
                    root.getMessage().contains("session s9: chunk has 10 channels, the model expects 64"),
                    root.getMessage());
        }
    }
}
