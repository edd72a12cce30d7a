package org.neuroloop.bench.latency;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.spindles.SpindleNetDetector;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.closedloop.latency.LatencyStats;

/**
 * Per-decision inference time of the spindle network: {@link SpindleNetDetector} (the code the job's operator runs)
 * over one channel of the benchmark signal, timing every sample on which it decides (front-end window, forward
 * pass, event rule) after the first {@value MotorImageryReplaySignal#WARMUP_DECISIONS} decisions.
 */
final class SpindleNetTiming {
    private SpindleNetTiming() {}

    static LatencyStats of(SpindleNetModel model, BenchmarkSignal signal, int channel, double fs) {
        SpindleListener ignore = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {}

            @Override
            public void onSpindle(Spindle s) {}
        };
        List<Double> times = new ArrayList<>();
        float[] x = signal.samples();
        int count = 0;
        try (LoadedNetwork network = model.load()) {
            SpindleNetDetector detector = new SpindleNetDetector(model, network, fs);
            for (int k = 0; k < signal.length(); k++) {
                long start = System.nanoTime();
                double p = detector.step(x[k * signal.channels() + channel], k / fs, ignore);
                long end = System.nanoTime();
                if (!Double.isNaN(p) && ++count > MotorImageryReplaySignal.WARMUP_DECISIONS) {
                    times.add((end - start) / 1e9);
                }
            }
        }
        return LatencyStats.ofSeconds(
                times.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
