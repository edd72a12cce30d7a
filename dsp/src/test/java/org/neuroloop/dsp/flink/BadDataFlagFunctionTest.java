package org.neuroloop.dsp.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.quality.QualityCriteria;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

class BadDataFlagFunctionTest {
    static final QualityCriteria CRITERIA = new QualityCriteria(2, 0.5, 0, 3000, 1, 0.05);

    static KeyedOneInputStreamOperatorTestHarness<String, Chunk, Chunk> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BadDataFlagFunction(CRITERIA, 1000)), Chunk::sessionId, Types.STRING);
    }

    static Chunk chunk(String session, long seq, int n) {
        double[] t = new double[n];
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            t[i] = (seq + i) / 100.0;
            x[2 * i] = Math.sin(seq + i);
            x[2 * i + 1] = Math.cos(seq + i);
        }
        return new Chunk(session, seq, t, x, 2, 100, 0);
    }

    @Test
    void keepsContinuityPerSessionAndSurvivesSnapshotRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(chunk("a", 0, 10), 0);
            h.processElement(chunk("b", 0, 10), 0);
            h.processElement(chunk("a", 10, 10), 0);
            assertEquals(
                    List.of(0, 0, 0),
                    h.extractOutputValues().stream().map(Chunk::flags).toList());
            // one quality state, one timer id per session
            assertEquals(4, h.numKeyedStateEntries());
            assertEquals(2, h.numProcessingTimeTimers());
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(chunk("a", 20, 10), 0); // continues
            h.processElement(chunk("b", 15, 10), 0); // samples 10..14 lost
            List<Chunk> out = h.extractOutputValues();
            assertEquals(0, out.get(0).flags());
            assertEquals(ChunkFlags.GAP, out.get(1).flags());
        }
    }

    /**
     * The race behind a lost stimulation in a replayed cluster job: the stale timer is processing time and is
     * checkpointed; after a restore that took longer than the timeout, whether the first restored chunk is flagged
     * stale depends on whether the overdue timer fires before that chunk arrives. With the watch off (timeout 0, what
     * the resolver sets on the recording's clock) the restored run flags nothing.
     */
    @Test
    void anOverdueStaleTimerAfterARestoreFlagsTheFirstRestoredChunkUnlessTheWatchIsOff() throws Exception {
        for (long timeout : new long[] {1000, 0}) {
            OperatorSubtaskState snapshot;
            try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new BadDataFlagFunction(CRITERIA, timeout)),
                    Chunk::sessionId,
                    Types.STRING)) {
                h.open();
                h.setProcessingTime(0);
                h.processElement(chunk("a", 0, 10), 0);
                snapshot = h.snapshot(1, 1);
            }
            try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new BadDataFlagFunction(CRITERIA, timeout)),
                    Chunk::sessionId,
                    Types.STRING)) {
                h.initializeState(snapshot);
                h.open();
                h.setProcessingTime(5000); // the recovery took 5 s: the restored timer is overdue
                h.processElement(chunk("a", 10, 10), 0); // the replay continues where the checkpoint was
                int expected = timeout > 0 ? ChunkFlags.STALE : 0;
                assertEquals(
                        List.of(expected),
                        h.extractOutputValues().stream().map(Chunk::flags).toList(),
                        "stale timeout " + timeout);
            }
        }
    }

    @Test
    void aSilenceLongerThanTheTimeoutMarksTheNextChunkStale() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(chunk("a", 0, 10), 0);
            h.setProcessingTime(500);
            h.processElement(chunk("a", 10, 10), 0); // within the timeout: timer moved to 1500
            assertEquals(1, h.numProcessingTimeTimers());
            h.setProcessingTime(1600); // timer fires
            assertEquals(0, h.numProcessingTimeTimers());
            h.processElement(chunk("a", 20, 10), 0);
            h.processElement(chunk("a", 30, 10), 0);
            List<Integer> flags =
                    h.extractOutputValues().stream().map(Chunk::flags).toList();
            assertEquals(List.of(0, 0, ChunkFlags.STALE, 0), flags);
        }
    }

    @Test
    void badSamplesAreFlaggedAndEndOfStreamCancelsTheTimer() throws Exception {
        try (var h = harness()) {
            h.open();
            Chunk c = chunk("a", 0, 4);
            c.samples()[3] = Double.NaN;
            h.processElement(c, 0);
            h.processElement(chunk("a", 4, 4).withFlags(ChunkFlags.END_OF_STREAM), 0);
            List<Chunk> out = h.extractOutputValues();
            assertEquals(ChunkFlags.NAN_OR_INF, out.get(0).flags());
            assertEquals(ChunkFlags.END_OF_STREAM, out.get(1).flags());
            assertEquals(0, h.numProcessingTimeTimers());
        }
    }
}
