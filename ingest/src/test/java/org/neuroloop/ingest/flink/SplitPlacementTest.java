package org.neuroloop.ingest.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * Sessions placed by key group let a job view a source as keyed: keyed state of every session works with the
 * keyed operator chained to the reader (it fails for sessions placed round robin, which is why keyBy was needed).
 */
class SplitPlacementTest {

    private static final int PARALLELISM = 3;
    private static final int MAX_PARALLELISM = 128;
    private static final int SESSIONS = 12;

    @Test
    void keyGroupPlacementKeepsEverySessionOnTheSubtaskOwningItsState() throws Exception {
        Map<String, Long> samples = run(SplitPlacement.byKeyGroup(MAX_PARALLELISM));
        assertEquals(SESSIONS, samples.size());
        for (long n : samples.values()) {
            assertEquals(Math.round(0.5 * 128), n);
        }
    }

    @Test
    void roundRobinPlacementCannotBeViewedAsKeyed() {
        // the 12 sessions cannot all land on the subtask owning their key group by chance
        Exception e = assertThrows(Exception.class, () -> run(SplitPlacement.roundRobin()));
        assertTrue(
                ExceptionUtils.findThrowableWithMessage(e, "key group").isPresent()
                        || ExceptionUtils.findThrowableWithMessage(e, "Key group")
                                .isPresent(),
                () -> "unexpected failure: " + e);
    }

    private static Map<String, Long> run(SplitPlacement placement) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        List<SyntheticEegConfig> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(SyntheticEegConfig.defaults("placed-" + i, i + 1)
                    .withRate(128)
                    .withDuration(0.5)
                    .withChunkSize(8));
        }
        var source = env.fromSource(
                SyntheticSource.chunks(sessions, false).withPlacement(placement),
                WatermarkStrategy.forMonotonousTimestamps(),
                "synthetic");
        Map<String, Long> totals = new TreeMap<>();
        try (CloseableIterator<String> it = DataStreamUtils.reinterpretAsKeyedStream(source, Chunk::sessionId)
                .process(new SampleCounter())
                .executeAndCollect("split-placement-test")) {
            it.forEachRemaining(line -> {
                String[] kv = line.split("=");
                totals.merge(kv[0], Long.parseLong(kv[1]), Math::max);
            });
        }
        return totals;
    }

    /** Running sample count per session in keyed state. */
    private static final class SampleCounter extends KeyedProcessFunction<String, Chunk, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("samples", Types.LONG));
        }

        @Override
        public void processElement(Chunk c, Context ctx, Collector<String> out) throws Exception {
            long n = (count.value() == null ? 0 : count.value()) + c.length();
            count.update(n);
            out.collect(c.sessionId() + "=" + n);
        }
    }
}
