package org.neuroloop.classifiers.sleep.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;

/** Two sessions through keyBy → spindle detection on a real MiniCluster with Kryo disabled. */
class SleepJobMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void eachSessionGetsExactlyThePureDetectorsSpindles() throws Exception {
        double[] x = SleepFunctionsTest.X;
        List<Chunk> input = new ArrayList<>();
        List<Chunk> a = SleepFunctionsTest.chunks("a", x, 40);
        List<Chunk> b = SleepFunctionsTest.chunks("b", x, 40);
        for (int i = 0; i < a.size(); i++) {
            input.add(a.get(i));
            input.add(b.get(i));
        }
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<DetectedEvent> out = new ArrayList<>();
        try (CloseableIterator<DetectedEvent> it = env.fromData(input, TypeInformation.of(Chunk.class))
                .setParallelism(1)
                .keyBy(Chunk::sessionId)
                .process(new SpindleDetectionFunction(1, SpindleParameters.defaults()))
                .executeAndCollect("sleep-spindles-test")) {
            it.forEachRemaining(out::add);
        }
        List<Spindle> expected = OnlineSpindleRun.replay(
                        SleepFunctionsTest.channel(x, 1), SleepFunctionsTest.FS, 0, SpindleParameters.defaults(), null)
                .spindles();
        for (String s : List.of("a", "b")) {
            List<DetectedEvent> ends = out.stream()
                    .filter(e -> e.sessionId().equals(s) && e.kind().equals("spindle"))
                    .toList();
            List<Spindle> acc = expected.stream().filter(Spindle::accepted).toList();
            assertTrue(acc.size() >= 5);
            assertEquals(acc.size(), ends.size(), "session " + s);
            for (int i = 0; i < ends.size(); i++) {
                assertEquals(acc.get(i).onset(), ends.get(i).onset(), 0);
                assertEquals(acc.get(i).firedAt(), ends.get(i).firedAt(), 0);
            }
        }
    }
}
