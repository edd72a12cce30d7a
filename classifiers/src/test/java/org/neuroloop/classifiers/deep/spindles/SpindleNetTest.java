package org.neuroloop.classifiers.deep.spindles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.sleep.DetectionScore;
import org.neuroloop.classifiers.sleep.Interval;
import org.neuroloop.classifiers.sleep.OnlineSpindleRun;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleListener;

/** A tiny network on synthetic sleep EEG with planted 13 Hz spindles. */
public class SpindleNetTest {

    static final SpindleNetConfig TINY = new SpindleNetConfig(50, 50, 2, 16, 4, 64, 1e-3f, 3, 42);

    /** Pink-ish background with a 1 s, 13 Hz spindle every ~8 s. */
    public static LabelledSignal synthetic(String name, double fs, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (seconds * fs);
        double[] x = new double[n];
        double slow = 0;
        for (int i = 0; i < n; i++) {
            slow = 0.98 * slow + r.nextGaussian() * 5;
            x[i] = slow + r.nextGaussian() * 4;
        }
        List<Interval> ref = new ArrayList<>();
        for (double t = 5; t + 2 < seconds; t += 6 + 4 * r.nextDouble()) {
            double dur = 0.8 + 0.6 * r.nextDouble();
            ref.add(new Interval(t, t + dur));
            for (int i = (int) (t * fs); i < (int) ((t + dur) * fs); i++) {
                double u = (i / fs - t) / dur;
                x[i] += 25 * Math.sin(Math.PI * u) * Math.sin(2 * Math.PI * 13 * i / fs);
            }
        }
        return new LabelledSignal(name, x, fs, ref, List.of(), seconds);
    }

    /** Every option of the network on: the classic features as inputs, a GRU, the relative threshold. */
    static final SpindleNetConfig TINY_OPTIONS =
            TINY.withClassicInputs(true).withRecurrent(4).withRelativeThreshold(true);

    static SpindleNetModel trained;
    static SpindleNetModel trainedWithOptions;

    public static synchronized SpindleNetModel model() {
        if (trained == null) {
            trained = train(TINY);
        }
        return trained;
    }

    /** A tiny network with {@link #TINY_OPTIONS}. */
    public static synchronized SpindleNetModel modelWithOptions() {
        if (trainedWithOptions == null) {
            trainedWithOptions = train(TINY_OPTIONS);
        }
        return trainedWithOptions;
    }

    private static SpindleNetModel train(SpindleNetConfig cfg) {
        return SpindleNetModel.train(
                cfg, List.of(synthetic("a", 100, 240, 1), synthetic("b", 50, 240, 2)), TrainingProgress.SILENT);
    }

    @Test
    void findsPlantedSpindlesOnAnUnseenSignal() {
        LabelledSignal test = synthetic("c", 200, 240, 3);
        OnlineSpindleRun run = model().run(test.x(), test.fs(), 0);
        DetectionScore s = run.score(test.reference(), 0.2, 0, test.scoredUntil());
        assertTrue(s.f1() > 0.6, "F1 " + s.f1() + " " + s);
    }

    @Test
    void streamingDetectorMatchesTheBatchedOfflinePath() {
        streamingMatchesOffline(model());
    }

    @Test
    void streamingDetectorWithEveryOptionMatchesTheBatchedOfflinePath() {
        SpindleNetModel m = modelWithOptions();
        assertTrue(m.rule().relative());
        streamingMatchesOffline(m);
    }

    private static void streamingMatchesOffline(SpindleNetModel m) {
        LabelledSignal test = synthetic("d", 100, 60, 4);
        SpindleNetModel.Decisions offline = m.decisions(test.x(), test.fs());
        OnlineSpindleRun offRun = m.run(test.x(), test.fs(), 0);
        List<Double> online = new ArrayList<>();
        List<Double> fires = new ArrayList<>();
        List<Spindle> spindles = new ArrayList<>();
        SpindleListener l = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                fires.add(firedAt);
            }

            @Override
            public void onSpindle(Spindle s) {
                spindles.add(s);
            }
        };
        try (LoadedNetwork net = m.load()) {
            SpindleNetDetector d = new SpindleNetDetector(m, net, test.fs());
            for (int i = 0; i < test.x().length; i++) {
                double p = d.step(test.x()[i], i / test.fs(), l);
                if (!Double.isNaN(p)) {
                    online.add(p);
                }
                if (i == test.x().length / 2) { // a checkpoint/restore in the middle changes nothing
                    double[] st = d.saveState();
                    d = new SpindleNetDetector(m, net, test.fs());
                    d.loadState(st);
                }
            }
            d.flush(l);
        }
        assertEquals(offline.p().length, online.size());
        for (int i = 0; i < online.size(); i++) {
            assertEquals(offline.p()[i], online.get(i), 1e-5, "decision " + i);
        }
        assertArrayEquals(
                offRun.fires(), fires.stream().mapToDouble(Double::doubleValue).toArray(), 1e-9);
        assertEquals(offRun.spindles().size(), spindles.size());
        assertTrue(spindles.size() > 2, "spindles " + spindles.size());
    }

    @Test
    void modelFileRoundTripsAndRatesMustDivide(@TempDir Path dir) throws Exception {
        SpindleNetModel m = modelWithOptions();
        Path f = dir.resolve("net.model");
        m.save(f);
        SpindleNetModel back = SpindleNetModel.load(f);
        LabelledSignal s = synthetic("e", 50, 30, 6);
        assertArrayEquals(
                m.decisions(s.x(), s.fs()).p(), back.decisions(s.x(), s.fs()).p(), 0);
        assertEquals(m.rule(), back.rule());
        assertEquals(m.config(), back.config());
        assertThrows(IllegalArgumentException.class, () -> new SpindleNetFrontEnd(TINY, 128));
    }
}
