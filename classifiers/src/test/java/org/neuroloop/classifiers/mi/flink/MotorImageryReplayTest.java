package org.neuroloop.classifiers.mi.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
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
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.classifiers.mi.OnlineTrialScore;
import org.neuroloop.classifiers.mi.TrialSet;
import org.neuroloop.dsp.flink.CausalFilterFunction;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.RecordedStream;

/**
 * The online decoding operators on a Flink MiniCluster: R08 replayed as raw chunks, band-passed and decoded by a model
 * trained on R04; the decisions at the cue-window ends reproduce the offline pipeline trial for trial, so online
 * and offline accuracy agree.
 */
class MotorImageryReplayTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void replayedDecisionsMatchOfflineScores() throws Exception {
        MotorImageryDecoderFunctionTest.train();
        MotorImageryModel model = MotorImageryDecoderFunctionTest.tsLr;
        var r08 = MotorImageryDecoderFunctionTest.r08;
        RecordedStream s = r08.mainStream().orElseThrow();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // no Kryo fallback: chunks, predictions and state are POJOs
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        // the first 45 s hold the first 5 trials; a shorter replay keeps the test quick
        List<Chunk> chunks = chunks(s, "S001R08", 32).stream()
                .filter(c -> c.timestamps()[0] < 45)
                .toList();
        List<Prediction> predictions = new ArrayList<>();
        DataStream<Chunk> filtered = env.fromData(chunks, TypeInformation.of(Chunk.class))
                .keyBy(Chunk::sessionId)
                .process(new CausalFilterFunction(
                        List.of(FilterStage.bandpass(
                                Band.ORDER, model.band().low(), model.band().high())),
                        false));
        try (CloseableIterator<Prediction> it = filtered.keyBy(Chunk::sessionId)
                .process(new MotorImageryDecoderFunction(model, 0.1))
                .executeAndCollect("mi decoding")) {
            it.forEachRemaining(predictions::add);
        }

        TrialSet all = MotorImageryEpochs.extract(
                List.of(r08),
                List.of("S001R08.edf"),
                MotorImageryDecoderFunctionTest.LABELS,
                MotorImageryDecoderFunctionTest.WINDOW,
                MotorImageryDecoderFunctionTest.BAND);
        TrialSet test = all.subset(IntStream.range(0, all.size())
                .filter(i -> all.trials().get(i).onsetSeconds() + 2.5 < 45)
                .toArray());
        assertEquals(5, test.size());
        double[][] offline = model.predictProba(test);
        List<OnlineTrialScore.TrialDecision> decisions =
                OnlineTrialScore.decisions(test.trials(), predictions, model.window(), 160, s.timestamps()[0]);
        int offlineCorrect = 0;
        for (int i = 0; i < decisions.size(); i++) {
            assertArrayEquals(offline[i], decisions.get(i).probabilities(), 1e-9, "trial " + i);
            offlineCorrect += (offline[i][1] > offline[i][0] ? 1 : 0) == test.labels()[i] ? 1 : 0;
        }
        assertEquals(offlineCorrect / (double) test.size(), OnlineTrialScore.accuracy(decisions), 1e-12);
    }

    /** The stream as consecutive chunks of {@code size} samples. */
    static List<Chunk> chunks(RecordedStream s, String session, int size) {
        int ch = s.channelCount();
        List<Chunk> out = new ArrayList<>();
        double[] x = s.samples();
        for (int i = 0; i < s.sampleCount(); i += size) {
            int n = Math.min(size, s.sampleCount() - i);
            out.add(new Chunk(
                    session,
                    i,
                    Arrays.copyOfRange(s.timestamps(), i, i + n),
                    Arrays.copyOfRange(x, i * ch, (i + n) * ch),
                    ch,
                    s.nominalRate(),
                    0));
        }
        return out;
    }
}
