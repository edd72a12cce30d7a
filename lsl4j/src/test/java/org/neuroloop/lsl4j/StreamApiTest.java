package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.liblsl.Liblsl;

/** lsl4j's pylsl-style API end to end on loopback: info and desc, pushes and pulls, buffering, processing flags. */
class StreamApiTest {
    private static final String RUN = "api" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @Test
    void streamInfoHoldsItsFieldsAndAnEditableDescAndRoundTripsThroughXml() {
        StreamInfo info = StreamInfo.create("Amp", "EEG", 2, 512, ChannelFormat.INT16, "amp-7");
        info.desc().appendChildValue("manufacturer", "Acme").appendChild("cap").appendChildValue("size", "58");
        info.setChannels(List.of("C3", "C4"), List.of("uV", "uV"), "EEG");
        assertTrue(info.desc().child("cap").setChildText("size", "56"));
        StreamInfo back = StreamInfo.fromXml(info.asXml());
        assertEquals("Amp", back.name());
        assertEquals("EEG", back.type());
        assertEquals(2, back.channelCount());
        assertEquals(512.0, back.nominalRate());
        assertEquals(ChannelFormat.INT16, back.channelFormat());
        assertEquals("amp-7", back.sourceId());
        assertEquals(110, back.version());
        assertEquals("Acme", back.desc().childText("manufacturer"));
        assertEquals("56", back.desc().child("cap").childText("size"));
        assertEquals(List.of("C3", "C4"), back.channelLabels());
        assertTrue(back.desc().child("nothing").child("deeper").isEmpty());
        back.desc().removeChild("manufacturer");
        assertEquals("", back.desc().childText("manufacturer"));
        assertEquals("Acme", info.desc().childText("manufacturer"), "a parsed copy is independent");
    }

    @Test
    @Timeout(60)
    void anOutletFillsItsFieldsAndLiblslReadsTheFullInfoWithDesc() {
        String name = RUN + "-full";
        StreamInfo info = StreamInfo.create(name, "EEG", 2, 100, ChannelFormat.FLOAT32, name);
        info.setChannels(List.of("O1", "O2"), List.of("uV", "uV"), "EEG");
        try (StreamOutlet out = new StreamOutlet(info)) {
            StreamInfo mine = out.info();
            assertFalse(mine.uid().isEmpty());
            assertTrue(mine.createdAt() > 0 && mine.createdAt() <= Lsl.localClock());
            assertEquals("default", mine.sessionId());
            assertTrue(mine.v4dataPort() > 0 && mine.v4servicePort() > 0);
            try (var theirs = Liblsl.inlet(name, false, 10.0);
                    var full = theirs.info(5.0)) {
                assertEquals(List.of("O1", "O2"), full.channelLabels());
                assertEquals(mine.uid(), full.uid());
            }
            StreamInfo resolved =
                    StreamResolver.resolveByProp("name", name, 1, 10.0).get(0);
            assertEquals(List.of(), resolved.channelLabels(), "resolvers carry the short info");
            try (StreamInlet in = new StreamInlet(resolved)) {
                assertEquals(List.of("O1", "O2"), in.info(5.0).channelLabels());
            }
        }
    }

    @Test
    @Timeout(60)
    void samplesChunksAndTheirTimestampsArriveAsPushed() throws InterruptedException {
        String name = RUN + "-push";
        try (StreamOutlet out = new StreamOutlet(StreamInfo.create(name, "EEG", 2, 100, ChannelFormat.DOUBLE64, name));
                StreamInlet in = new StreamInlet(
                        StreamResolver.resolveByProp("name", name, 1, 10.0).get(0))) {
            in.openStream(10.0);
            assertTrue(out.waitForConsumers(10.0));
            assertTrue(out.haveConsumers());
            out.pushSample(new double[] {1, 2}, 50.0);
            out.pushChunk(new double[] {3, 4, 5, 6, 7, 8}, 60.0); // three samples, the last at 60 s, 10 ms apart
            long end = System.nanoTime() + 5_000_000_000L;
            while (in.samplesAvailable() < 4 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(4, in.samplesAvailable());
            double[] one = new double[2];
            assertEquals(50.0, in.pullSample(one, 1.0));
            assertArrayEquals(new double[] {1, 2}, one);
            double[] rows = new double[6];
            double[] ts = new double[3];
            assertEquals(3, in.pullChunk(rows, ts, 1.0));
            assertArrayEquals(new double[] {3, 4, 5, 6, 7, 8}, rows);
            assertArrayEquals(new double[] {59.98, 59.99, 60.0}, ts, 1e-9);
            assertEquals(0.0, in.pullSample(one, 0.0), "nothing left");
            assertEquals(0, in.samplesAvailable());
        }
    }

    @Test
    @Timeout(60)
    void dejitterAndMonotonizeSmoothAndOrderTheStamps() throws InterruptedException {
        String name = RUN + "-proc";
        try (StreamOutlet out = new StreamOutlet(StreamInfo.create(name, "EEG", 1, 100, ChannelFormat.FLOAT32, name));
                StreamInlet in = new StreamInlet(
                        StreamResolver.resolveByProp("name", name, 1, 10.0).get(0),
                        360,
                        0,
                        false,
                        StreamInlet.PROC_DEJITTER | StreamInlet.PROC_MONOTONIZE)) {
            in.openStream(10.0);
            assertTrue(out.waitForConsumers(10.0));
            int n = 400;
            float[] v = new float[n];
            double[] sent = new double[n];
            for (int i = 0; i < n; i++) {
                sent[i] = 100 + i * 0.01 + ((i * 7919) % 11 - 5) * 1e-3; // +-5 ms jitter
            }
            sent[200] = sent[198]; // a step back
            out.pushChunk(v, n, sent, true);
            double[] ts = new double[n];
            int got = 0;
            float[] buf = new float[n];
            double[] t = new double[n];
            while (got < n) {
                int k = in.pullChunk(buf, t, 5.0);
                System.arraycopy(t, 0, ts, got, k);
                got += k;
            }
            double worstLate = 0;
            for (int i = 1; i < n; i++) {
                assertTrue(ts[i] >= ts[i - 1], "monotonic at " + i);
            }
            for (int i = 300; i < n; i++) {
                worstLate = Math.max(worstLate, Math.abs(ts[i] - (100 + i * 0.01)));
            }
            assertTrue(worstLate < 3e-3, "dejittered stamps within 3 ms of the true line, worst " + worstLate);
        }
    }
}
