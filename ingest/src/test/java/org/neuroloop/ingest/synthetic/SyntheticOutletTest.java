package org.neuroloop.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.synthetic.PlantedEvent.MotorImageryCue;
import org.neuroloop.ingest.synthetic.PlantedEvent.SlowOscillation;
import org.neuroloop.ingest.synthetic.PlantedEvent.Spindle;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamResolver;

/**
 * The synthetic outlet through the real liblsl on loopback: an inlet receives exactly the generator's data and truth.
 */
class SyntheticOutletTest {

    private static StreamInlet open(String sourceId) {
        List<StreamInfo> found = StreamResolver.resolveByProperty("source_id", sourceId, 1, 10);
        try {
            assertFalse(found.isEmpty(), "stream " + sourceId + " not found on loopback");
            StreamInlet inlet = new StreamInlet(found.get(0), 360, 0, false);
            inlet.open(10);
            return inlet;
        } finally {
            StreamResolver.closeAll(found);
        }
    }

    @Test
    @Timeout(60)
    void inletReceivesTheGeneratedEegAndTruthMarkers() throws Exception {
        String prefix = "nl-synth-" + UUID.randomUUID().toString().substring(0, 8);
        EventSchedule schedule = EventSchedule.of(
                new Spindle(0.3, 0.6, 13, 30),
                new SlowOscillation(0.7, 1.5, 80),
                new MotorImageryCue(1.2, 0.5, ImagerySide.LEFT, "T1"));
        SyntheticEegConfig config = SyntheticEegConfig.defaults("lsl", 17)
                .withDuration(2)
                .withSchedule(schedule)
                .withStartTime(Lsl.localClock() + 0.5);
        List<Chunk> expected = new ArrayList<>();
        new SyntheticEeg(config).forEachRemaining(expected::add);
        List<Marker> truth = new SyntheticEeg(config).truthMarkers();

        try (SyntheticOutlet outlet = SyntheticOutlet.start(config, prefix, prefix, 30);
                StreamInlet eeg = open(outlet.eegSourceId());
                StreamInlet markers = open(outlet.markerSourceId())) {
            try (StreamInfo info = eeg.info(5)) {
                assertEquals(Montage1020.STANDARD_19, info.channelLabels());
                assertEquals(250.0, info.nominalRate());
            }
            assertTrue(outlet.awaitEnd(30, TimeUnit.SECONDS), "outlet did not finish");

            int total = (int) config.totalSamples();
            int channels = config.channelCount();
            float[] got = new float[total * channels];
            double[] stamps = new double[total];
            int n = 0;
            float[] buf = new float[64 * channels];
            double[] ts = new double[64];
            for (int k; n < total && (k = eeg.pullChunk(buf, ts, 2.0)) > 0; n += k) {
                System.arraycopy(buf, 0, got, n * channels, Math.min(k, total - n) * channels);
                System.arraycopy(ts, 0, stamps, n, Math.min(k, total - n));
            }
            assertEquals(total, n, "samples received");
            int i = 0;
            for (Chunk c : expected) {
                for (int s = 0; s < c.length(); s++, i++) {
                    assertEquals(c.timestamps()[s], stamps[i], 1e-9, "timestamp of sample " + i);
                    for (int ch = 0; ch < channels; ch++) {
                        assertEquals((float) c.sample(s, ch), got[i * channels + ch], "sample " + i + " channel " + ch);
                    }
                }
            }

            String[] labels = new String[16];
            double[] mts = new double[16];
            String[] lb = new String[16];
            double[] lt = new double[16];
            int m = 0;
            for (int k; m < truth.size() && (k = markers.pullStrings(lb, lt, 2.0)) > 0; m += k) {
                System.arraycopy(lb, 0, labels, m, Math.min(k, labels.length - m));
                System.arraycopy(lt, 0, mts, m, Math.min(k, mts.length - m));
            }
            assertEquals(truth.size(), m);
            for (int j = 0; j < m; j++) {
                assertEquals(truth.get(j).label(), labels[j]);
                assertEquals(truth.get(j).timestamp(), mts[j], 1e-9);
            }
            assertEquals(total, outlet.samplesPushed());
            assertEquals(truth.size(), outlet.markersPushed());
        }
    }
}
