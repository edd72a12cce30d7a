package org.neuroloop.classifiers.deep.spindles.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neuroloop.classifiers.deep.spindles.LabelledSignal;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.deep.spindles.SpindleNetTest;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;

/**
 * The spindle network inside a Flink job on a MiniCluster, two sessions at different rates: the events equal the
 * offline batched run of the same model (fire times exactly, probabilities to 1e-5), with the default network and with
 * every option on (classic features as inputs, GRU, relative threshold).
 */
class SpindleNetDetectionFunctionTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static List<Chunk> chunks(String session, LabelledSignal s, int size) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < s.x().length; i += size) {
            int n = Math.min(size, s.x().length - i);
            double[] ts = new double[n];
            for (int k = 0; k < n; k++) {
                ts[k] = (i + k) / s.fs();
            }
            int flags = i + n == s.x().length ? ChunkFlags.END_OF_STREAM : 0;
            out.add(new Chunk(session, i, ts, Arrays.copyOfRange(s.x(), i, i + n), 1, s.fs(), flags));
        }
        return out;
    }

    @Test
    void eventsInTheJobEqualTheOfflineRun() throws Exception {
        eventsEqualOffline(SpindleNetTest.model());
    }

    @Test
    void eventsOfTheNetworkWithEveryOptionEqualTheOfflineRun() throws Exception {
        eventsEqualOffline(SpindleNetTest.modelWithOptions());
    }

    private static void eventsEqualOffline(SpindleNetModel model) throws Exception {
        LabelledSignal a = SpindleNetTest.synthetic("a", 100, 90, 11);
        LabelledSignal b = SpindleNetTest.synthetic("b", 200, 90, 12);
        List<Chunk> all = new ArrayList<>(chunks("a", a, 25));
        all.addAll(chunks("b", b, 40));
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<DetectedEvent> events = new ArrayList<>();
        try (CloseableIterator<DetectedEvent> it = env.fromData(all, TypeInformation.of(Chunk.class))
                .keyBy(Chunk::sessionId)
                .process(new SpindleNetDetectionFunction(model, 0))
                .executeAndCollect("spindle net test")) {
            it.forEachRemaining(events::add);
        }
        for (LabelledSignal s : List.of(a, b)) {
            OnlineSpindleRun offline = model.run(s.x(), s.fs(), 0);
            List<DetectedEvent> ended = events.stream()
                    .filter(e -> e.sessionId().equals(s.name()) && !e.kind().equals("spindle-onset"))
                    .sorted(Comparator.comparingDouble(DetectedEvent::firedAt))
                    .toList();
            long fires = events.stream()
                    .filter(e -> e.sessionId().equals(s.name()) && e.kind().equals("spindle-onset"))
                    .count();
            assertTrue(
                    offline.spindles().size() > 3,
                    "offline spindles of " + s.name() + ": "
                            + offline.spindles().size());
            assertEquals(offline.spindles().size(), ended.size(), s.name());
            assertEquals(offline.fires().length, fires, s.name());
            for (int i = 0; i < ended.size(); i++) {
                Spindle o = offline.spindles().get(i);
                DetectedEvent e = ended.get(i);
                assertEquals(o.firedAt(), e.firedAt(), 1e-9);
                assertEquals(o.onset(), e.onset(), 1e-9);
                assertEquals(o.offset(), e.offset(), 1e-9);
                // a probability to 1e-5; a relative score (a z-score, tens) to 1e-5 of its size
                assertEquals(o.score(), e.value(), 1e-5 * Math.max(1, Math.abs(o.score())), "peak score");
                assertEquals(o.accepted() ? "spindle" : "spindle-rejected", e.kind());
            }
        }
    }
}
