package org.neuroloop.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleDetector;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.dsp.filter.Butterworth;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.synthetic.SyntheticEeg;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * The demo's signal, without Flink or LSL: the demo's causal path (0.3 Hz high-pass, the spindle detector with its
 * default parameters on the demo's detector channel) finds at least 5 of the 6 spindles planted after the
 * detector's warm-up, and fires nowhere else. What the demo adds on top is transport, not detection.
 */
class DemoSignalTest {

    @Test
    void theDemoSignalsSpindlesAreFoundAndNothingElseIs() {
        SyntheticEegConfig eeg = DemoCommand.signal(60, 8, 250, 42);
        int channel = DemoCommand.DETECTOR_CHANNEL;
        List<Marker> planted = SyntheticEeg.truthMarkers(eeg, 0).stream()
                .filter(m -> m.label().equals(SyntheticEeg.SPINDLE_ONSET) && m.timestamp() >= DemoCommand.WARM_UP_S)
                .toList();
        assertEquals(6, planted.size(), "the demo plants 6 spindles after warm-up in 60 s: " + planted);
        SosFilter highpass = SosFilter.zeroState(Butterworth.highpass(2, 0.3, 250), 1);
        SpindleDetector detector = new SpindleDetector(SpindleParameters.defaults(), 250);
        List<Double> fired = new ArrayList<>();
        SpindleListener listener = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                fired.add(firedAt);
            }

            @Override
            public void onSpindle(Spindle s) {}
        };
        SyntheticEeg source = new SyntheticEeg(eeg.withStartTime(0));
        double[] one = new double[1];
        while (source.hasNext()) {
            Chunk c = source.next();
            for (int i = 0; i < c.length(); i++) {
                one[0] = c.samples()[i * c.channels() + channel];
                highpass.processInPlace(one);
                detector.step(one[0], c.timestamps()[i], listener);
            }
        }
        int found = 0;
        int outside = 0;
        for (double t : fired) {
            boolean inside =
                    planted.stream().anyMatch(m -> t >= m.timestamp() && t <= m.timestamp() + m.duration() + 0.5);
            outside += inside ? 0 : 1;
        }
        for (Marker m : planted) {
            found +=
                    fired.stream().anyMatch(t -> t >= m.timestamp() && t <= m.timestamp() + m.duration() + 0.5) ? 1 : 0;
        }
        System.out.printf(
                "demo signal: %d of %d planted spindles found, %d fires outside them (fires %s, planted %s)%n",
                found,
                planted.size(),
                outside,
                fired,
                planted.stream().map(Marker::timestamp).toList());
        assertTrue(found >= 5, found + " of " + planted.size() + " found");
        assertEquals(0, outside, "fires outside planted spindles: " + fired);
    }
}
