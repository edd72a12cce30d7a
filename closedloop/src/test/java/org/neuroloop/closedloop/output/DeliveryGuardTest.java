package org.neuroloop.closedloop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;

/** A live output never sends late: a command past the policy's stale guard is dropped, acknowledged and logged. */
class DeliveryGuardTest {
    @TempDir
    Path dir;

    @Test
    void immediateCommandsExpireWithTheirCauseAndPhaseTargetedOnesWithTheirSchedule() {
        DeliveryGuard guard = DeliveryGuard.of(PolicyConfig.defaults()); // 0.1 s, 2 ms
        assertFalse(guard.stale(new StimulationCommand("s#0", "s", "pulse", "x", 1, 1, 10.0, 10.0, false), 10.09));
        assertTrue(guard.stale(new StimulationCommand("s#0", "s", "pulse", "x", 1, 1, 10.0, 10.0, false), 10.11));
        assertFalse(guard.stale(new StimulationCommand("s#1", "s", "pulse", "x", 1, 1, 10.0, 10.5, false), 10.501));
        assertTrue(guard.stale(new StimulationCommand("s#1", "s", "pulse", "x", 1, 1, 10.0, 10.5, false), 10.503));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryGuard(0, 0));
    }

    @Test
    void aStaleCommandIsDroppedAndLoggedNeverSentAndAFreshOneGoesOut() throws Exception {
        Path log = dir.resolve("live.jsonl");
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                StimulationOutput out = new StimulationOutput(
                        new OscUdpTransport(receiver.getLocalPort()),
                        new JsonlStimulationLog(log),
                        DeliveryGuard.of(PolicyConfig.defaults()))) {
            receiver.setSoTimeout(500);
            double now = LslClock.now();
            StimulationAck stale =
                    out.deliver(new StimulationCommand("s#0", "s", "pulse", "x", 1, 1, now - 1, now - 1, false));
            assertEquals("stale", stale.detail());
            assertFalse(stale.ok());
            StimulationAck again =
                    out.deliver(new StimulationCommand("s#0", "s", "pulse", "x", 1, 1, now - 1, now - 1, false));
            assertEquals("duplicate", again.detail(), "a dropped command is never sent later");
            double fresh = LslClock.now();
            StimulationAck sent =
                    out.deliver(new StimulationCommand("s#1", "s", "pulse", "x", 1, 1, fresh, fresh, false));
            assertEquals("sent", sent.detail());

            byte[] buf = new byte[1500];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            receiver.receive(p);
            assertEquals(
                    "s#1",
                    OscMessage.decode(p.getData(), p.getLength()).arguments().get(0));
            assertThrows(
                    SocketTimeoutException.class,
                    () -> receiver.receive(new DatagramPacket(buf, buf.length)),
                    "nothing else was sent");
        }
        List<JsonNode> acks = JsonlStimulationLog.readAll(log).stream()
                .filter(n -> n.path("type").asText().equals("ack"))
                .toList();
        assertEquals("stale", acks.get(0).path("detail").asText());
        assertEquals("s#0", acks.get(0).path("commandId").asText());
    }
}
