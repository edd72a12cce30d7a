package org.neuroloop.closedloop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;

/** A real datagram over loopback, received by a plain socket and decoded as OSC. */
class OscUdpTransportTest {

    @Test
    void commandArrivesAsOneOscMessageAndDuplicatesAreDropped() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                StimulationOutput out = new StimulationOutput(new OscUdpTransport(receiver.getLocalPort()))) {
            receiver.setSoTimeout(5000);
            double cause = LslClock.now();
            StimulationCommand cmd =
                    new StimulationCommand("S1#3", "S1", "pulse", "spindle", 42.5, 30.0, cause, cause + 0.25, false);
            StimulationAck ack = out.deliver(cmd);
            assertTrue(ack.ok(), ack.toString());
            assertEquals("udp", ack.output());
            assertTrue(ack.sentTime() >= cause && ack.latencySeconds() == ack.sentTime() - cause, ack.toString());

            byte[] buf = new byte[1500];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            receiver.receive(p);
            OscMessage m = OscMessage.decode(p.getData(), p.getLength());
            assertEquals("/neuroloop/stim", m.address());
            assertEquals(",ssssffdd", m.typeTags());
            assertEquals(List.of("S1#3", "S1", "pulse", "spindle", 42.5f, 30.0f, cause, cause + 0.25), m.arguments());

            StimulationAck dup = out.deliver(cmd);
            assertEquals("duplicate", dup.detail());
            StimulationAck next =
                    out.deliver(new StimulationCommand("S1#4", "S1", "pulse", "spindle", 1, 1, cause, cause, false));
            assertTrue(next.ok());
            receiver.receive(p);
            assertEquals(
                    "S1#4",
                    OscMessage.decode(p.getData(), p.getLength()).arguments().get(0),
                    "the duplicate was not sent: the next datagram is the next command");
        }
    }
}
