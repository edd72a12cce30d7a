package org.neuroloop.closedloop.policy.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.neuroloop.closedloop.policy.ControlAction;
import org.neuroloop.closedloop.policy.ControlMarkers;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.SideControlStream;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;

/**
 * The one-input (chained) policy operator with a {@link SideControlStream}: a real lsl4j marker outlet on loopback
 * sends {@code "stop@A"}; the operator reads it without an input of its own (its periodic poll) and refuses session
 * A's next decision, while session B, which no marker named, still stimulates.
 */
class SideControlPolicyTest {

    @Test
    void aStopOnTheSideStreamHoldsBeforeTheSessionsNextDecision() throws Exception {
        String name = "nl-side-control-test-" + UUID.randomUUID().toString().substring(0, 8);
        StimulationPolicyOperator op = new StimulationPolicyOperator(
                new StimulationPolicy(StimulationPolicyOperatorTest.CONFIG),
                DecisionClock.LSL,
                StimulationPolicyOperatorTest::now,
                new SideControlStream(name));
        try (StreamInfo info = StreamInfo.create(name, "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, name);
                StreamOutlet outlet = new StreamOutlet(info, 1, 60);
                KeyedOneInputStreamOperatorTestHarness<String, PolicyInput, StimulationCommand> h =
                        new KeyedOneInputStreamOperatorTestHarness<>(op, PolicyInput::sessionId, Types.STRING)) {
            h.open();
            at(h, 100.0);
            h.processElement(new StreamRecord<>(StimulationPolicyOperatorTest.event("A", 100.0, Double.NaN, 0)));
            assertTrue(outlet.waitForConsumers(30), "the operator's side control inlet did not connect");
            outlet.pushMarker(ControlMarkers.label(ControlAction.EMERGENCY_STOP, "A"), Lsl.localClock());
            // no decision arrives meanwhile: the operator's periodic poll has to find the marker
            long end = System.nanoTime() + 2_000_000_000L;
            for (double t = 100.0; System.nanoTime() < end; ) {
                Thread.sleep(20);
                t += StimulationPolicyOperator.SIDE_CONTROL_POLL_MS / 1000.0;
                at(h, Math.min(t, 102.5));
            }
            at(h, 103.0);
            h.processElement(new StreamRecord<>(StimulationPolicyOperatorTest.event("A", 103.0, Double.NaN, 0)));
            h.processElement(new StreamRecord<>(StimulationPolicyOperatorTest.event("B", 103.0, Double.NaN, 0)));
            assertEquals(
                    List.of("A#0", "B#0"),
                    h.extractOutputValues().stream().map(StimulationCommand::id).toList());
        }
    }

    private static void at(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h, double lsl) throws Exception {
        StimulationPolicyOperatorTest.lslNow = lsl;
        h.setProcessingTime(Math.round((lsl - 100.0) * 1000));
    }
}
