package org.neuroloop.closedloop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamResolver;

/** The marker outlet read back by a real liblsl inlet on loopback. */
class LslMarkerTransportTest {

    @Test
    void inletReceivesEachCommandOnceAsJsonStampedWithItsSendTime() throws Exception {
        String name = "nl-stim-test-" + UUID.randomUUID();
        try (StimulationOutput out = new StimulationOutput(new LslMarkerTransport(name, name))) {
            List<StreamInfo> found = StreamResolver.resolveByProperty("name", name, 1, 10.0);
            assertEquals(1, found.size(), "resolve the marker outlet " + name);
            try (StreamInlet inlet = new StreamInlet(found.get(0), 360, 1, false)) {
                StreamResolver.closeAll(found);
                inlet.open(10.0);
                StreamInfo full = inlet.info(5.0);
                assertEquals("Markers", full.type());
                assertEquals("application/json; StimulationCommand", full.desc().childText("encoding"));
                full.close();

                double cause = Lsl.localClock();
                StimulationCommand a =
                        new StimulationCommand("S#0", "S", "pulse", "spindle", 51.5, 40.0, cause, cause, false);
                StimulationCommand b =
                        new StimulationCommand("S#1", "S", "pulse", "spindle", 52.5, 40.0, cause + 1, cause + 1, false);
                StimulationAck ackA = out.deliver(a);
                assertEquals("duplicate", out.deliver(a).detail());
                StimulationAck ackB = out.deliver(b);
                assertTrue(ackA.ok() && ackB.ok());

                String[] labels = new String[4];
                double[] stamps = new double[4];
                int got = 0;
                double deadline = Lsl.localClock() + 10;
                while (got < 2 && Lsl.localClock() < deadline) {
                    String[] one = new String[4];
                    double[] ts = new double[4];
                    int n = inlet.pullStrings(one, ts, 1.0);
                    for (int i = 0; i < n && got < 4; i++, got++) {
                        labels[got] = one[i];
                        stamps[got] = ts[i];
                    }
                }
                assertEquals(2, got, "two markers: the duplicate was not pushed");
                assertEquals(a, LslMarkerTransport.parse(labels[0]));
                assertEquals(b, LslMarkerTransport.parse(labels[1]));
                assertEquals(
                        ackA.sentTime(),
                        stamps[0] + inlet.timeCorrection(5.0),
                        1e-3,
                        "marker stamped with its send time");
                assertTrue(inlet.pullStrings(new String[1], new double[1], 0.2) == 0, "nothing else arrived");
            }
        }
    }
}
