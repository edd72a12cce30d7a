package org.neuroloop.closedloop.policy.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.StimulationCommand;

/** The keyed policy operator in Flink's operator test harness: keyed state, timers, snapshot and restore. */
class StimulationPolicyOperatorTest {

    /** Test LSL time, moved together with the harness's processing time (static: the function may be copied). */
    static volatile double lslNow;

    static final PolicyConfig CONFIG =
            PolicyConfig.defaults().withLimits(2.0, 10, 100).withTiming(2.0, 0.002);

    private KeyedTwoInputStreamOperatorTestHarness<String, PolicyInput, Marker, StimulationCommand> harness;

    static KeyedTwoInputStreamOperatorTestHarness<String, PolicyInput, Marker, StimulationCommand> newHarness()
            throws Exception {
        StimulationPolicyOperator op = new StimulationPolicyOperator(
                new StimulationPolicy(CONFIG), DecisionClock.LSL, StimulationPolicyOperatorTest::now);
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                op, PolicyInput::sessionId, Marker::sessionId, Types.STRING);
    }

    static double now() {
        return lslNow;
    }

    /** Sets LSL time and processing time together: processing time 0 ms = LSL 100 s. */
    static void at(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> h, double lsl) throws Exception {
        lslNow = lsl;
        h.setProcessingTime(Math.round((lsl - 100.0) * 1000));
    }

    static PolicyInput event(String session, double firedAt, double target, int flags) {
        return new PolicyInput(session, "so-upstate", firedAt, 80.0, 40.0, true, target, flags);
    }

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
        at(harness, 100.0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    List<StimulationCommand> emitted() {
        return harness.extractOutputValues();
    }

    @Test
    void immediateEventFiresAtOnceAndTheRefractoryPeriodHoldsPerSession() throws Exception {
        harness.processElement1(new StreamRecord<>(event("A", 100.0, Double.NaN, 0)));
        harness.processElement1(new StreamRecord<>(event("A", 101.0, Double.NaN, 0))); // 1 s later: refractory
        harness.processElement1(new StreamRecord<>(event("B", 101.0, Double.NaN, 0))); // other session: own state
        harness.processElement1(new StreamRecord<>(event("A", 102.5, Double.NaN, 0)));
        assertEquals(
                List.of("A#0", "B#0", "A#1"),
                emitted().stream().map(StimulationCommand::id).toList());
        assertEquals(101.0, emitted().get(1).causeTimestamp());
    }

    @Test
    void phaseTargetedCommandWaitsForItsTimer() throws Exception {
        harness.processElement1(new StreamRecord<>(event("A", 99.99, 100.300, 0)));
        assertTrue(emitted().isEmpty(), "not before the target time");
        at(harness, 100.299);
        assertTrue(emitted().isEmpty());
        at(harness, 100.300);
        assertEquals(1, emitted().size());
        StimulationCommand c = emitted().get(0);
        assertEquals("A#0", c.id());
        assertEquals(100.300, c.scheduledTime());
        assertEquals(99.99, c.causeTimestamp());
    }

    @Test
    void disarmAndBadDataCancelPendingCommandsBeforeTheyGoOut() throws Exception {
        harness.processElement1(new StreamRecord<>(event("A", 100.0, 100.5, 0)));
        harness.processElement2(new StreamRecord<>(new Marker("A", 100.1, "disarm", 0)));
        at(harness, 101.0);
        assertTrue(emitted().isEmpty(), "disarmed before the target time");

        harness.processElement2(new StreamRecord<>(new Marker("A", 101.0, "arm", 0)));
        at(harness, 103.0);
        harness.processElement1(new StreamRecord<>(event("A", 103.0, 103.5, 0)));
        harness.processElement1(new StreamRecord<>(event("A", 103.1, Double.NaN, ChunkFlags.CLIPPED)));
        at(harness, 104.0);
        assertTrue(emitted().isEmpty(), "clipped data arrived before the target time");

        harness.processElement1(new StreamRecord<>(event("A", 106.0, Double.NaN, 0)));
        assertEquals(
                List.of("A#2"),
                emitted().stream().map(StimulationCommand::id).toList(),
                "cancelled commands still count (ids A#0, A#1 used)");
    }

    @Test
    void emergencyStopLatchesUntilResetAndArm() throws Exception {
        harness.processElement2(new StreamRecord<>(new Marker("A", 100.0, "stop", 0)));
        harness.processElement2(new StreamRecord<>(new Marker("A", 100.0, "arm", 0)));
        harness.processElement1(new StreamRecord<>(event("A", 100.5, Double.NaN, 0)));
        harness.processElement2(new StreamRecord<>(new Marker("A", 101.0, "reset", 0)));
        harness.processElement1(new StreamRecord<>(event("A", 101.5, Double.NaN, 0)));
        assertTrue(emitted().isEmpty(), "stop, then reset leaves the session disarmed");
        harness.processElement2(new StreamRecord<>(new Marker("A", 102.0, "ARM", 0)));
        harness.processElement1(new StreamRecord<>(event("A", 102.5, Double.NaN, 0)));
        assertEquals(1, emitted().size());
    }

    @Test
    void stateAndScheduledCommandsSurviveSnapshotAndRestore() throws Exception {
        harness.processElement1(new StreamRecord<>(event("A", 100.0, Double.NaN, 0)));
        at(harness, 102.0);
        harness.processElement1(new StreamRecord<>(event("A", 102.0, 102.4, 0)));
        assertEquals(1, emitted().size());
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        at(harness, 102.4);
        assertEquals(
                List.of("A#1"), emitted().stream().map(StimulationCommand::id).toList(), "pending command restored");
        harness.processElement1(new StreamRecord<>(event("A", 103.0, Double.NaN, 0))); // refractory from restored state
        harness.processElement1(new StreamRecord<>(event("A", 104.5, Double.NaN, 0)));
        assertEquals(
                List.of("A#1", "A#2"),
                emitted().stream().map(StimulationCommand::id).toList());
    }

    @Test
    void onTheRecordingClockAOneInputPolicyEmitsPhaseTargetedCommandsAtOnce() throws Exception {
        StimulationPolicyOperator op =
                new StimulationPolicyOperator(new StimulationPolicy(CONFIG), DecisionClock.RECORDING, () -> {
                    throw new AssertionError("the recording clock never reads the LSL clock");
                });
        try (KeyedOneInputStreamOperatorTestHarness<String, PolicyInput, StimulationCommand> h =
                new KeyedOneInputStreamOperatorTestHarness<>(op, PolicyInput::sessionId, Types.STRING)) {
            h.open();
            h.processElement(new StreamRecord<>(event("A", 5.0, 5.4, 0)));
            h.processElement(new StreamRecord<>(event("A", 6.0, Double.NaN, 0))); // refractory on the recording clock
            h.processElement(new StreamRecord<>(event("A", 8.0, Double.NaN, 0)));
            List<StimulationCommand> out = h.extractOutputValues();
            assertEquals(
                    List.of("A#0", "A#1"),
                    out.stream().map(StimulationCommand::id).toList());
            assertEquals(5.4, out.get(0).scheduledTime(), 1e-9);
            assertEquals(0, h.numProcessingTimeTimers(), "no timer: the target time is known on the recording clock");
        }
    }
}
