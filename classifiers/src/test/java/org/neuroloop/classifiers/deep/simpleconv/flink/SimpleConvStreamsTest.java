package org.neuroloop.classifiers.deep.simpleconv.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvConfig;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SubjectTrials;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;

/**
 * The simpleconv decoder inside a Flink job on a MiniCluster: S001R08 replayed as raw chunks, band-passed and decoded
 * by a tiny network pretrained on S006 and attached to S001 (alignment from S001R04); every decision equals the
 * offline network on the same band-passed window to 1e-5.
 */
class SimpleConvStreamsTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final Path DIR = Path.of("../shared/data/mi/eegmmidb");
    static final ClassLabels LABELS = ClassLabels.parse("T1=left,T2=right");
    static final EpochWindow WINDOW = new EpochWindow(0.5, 2.5);
    static final Band BAND = new Band(8, 30);

    static SubjectTrials subject(String name, List<String> files) throws Exception {
        List<Recording> recs = new ArrayList<>();
        for (String f : files) {
            recs.add(EdfReader.read(DIR.resolve(f)));
        }
        return SubjectTrials.of(name, MotorImageryEpochs.extract(recs, files, LABELS, WINDOW, BAND));
    }

    /** The stream as consecutive chunks of {@code size} samples with their stored timestamps. */
    static List<Chunk> chunks(RecordedStream s, String session, int size) {
        int ch = s.channelCount();
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < s.sampleCount(); i += size) {
            int n = Math.min(size, s.sampleCount() - i);
            out.add(new Chunk(
                    session,
                    i,
                    Arrays.copyOfRange(s.timestamps(), i, i + n),
                    Arrays.copyOfRange(s.samples(), i * ch, (i + n) * ch),
                    ch,
                    s.nominalRate(),
                    0));
        }
        return out;
    }

    @Test
    void decisionsInTheJobEqualTheOfflineNetwork() throws Exception {
        SimpleConvConfig cfg = SimpleConvConfig.DEFAULT.withSize(16, 8, 1, 80).withSchedule(1, 0);
        SimpleConvModel pre = SimpleConvModel.pretrain(
                cfg, List.of(subject("S006", List.of("S006R04.edf"))), BAND, WINDOW, TrainingProgress.SILENT);
        assertThrows(
                IllegalArgumentException.class,
                () -> new SimpleConvDecoderFunction(pre, 0.1),
                "no subject alignment yet");
        SubjectTrials s001 = subject("S001", List.of("S001R04.edf"));
        SimpleConvModel model =
                pre.fineTune(s001.aligned(), s001.trials().labels(), s001.alignment(), TrainingProgress.SILENT);

        Recording r08 = EdfReader.read(DIR.resolve("S001R08.edf"));
        RecordedStream s = r08.mainStream().orElseThrow();
        List<Chunk> chunks = chunks(s, "S001R08", 32).stream()
                .filter(c -> c.timestamps()[0] < 12)
                .toList();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataStream<Chunk> source = env.fromData(chunks, TypeInformation.of(Chunk.class));
        List<Prediction> online = new ArrayList<>();
        try (CloseableIterator<Prediction> it =
                SimpleConvStreams.decode(source, model, 0.25).executeAndCollect("simpleconv test")) {
            it.forEachRemaining(online::add);
        }

        int ch = s.channelCount();
        double[] filtered =
                SosFilter.zeroState(BAND.design(s.nominalRate()), ch).process(s.samples());
        int w = model.epochSamples();
        assertTrue(online.size() > 30, "decisions: " + online.size());
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
            assertEquals(1, p.probabilities()[0] + p.probabilities()[1], 1e-12);
        }
    }
}
