package org.neuroloop.classifiers.deep.spindles;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neuroloop.classifiers.deep.NetworkTrainer;

/**
 * Training windows for the spindle network: every decision of the {@link SpindleNetFrontEnd} inside the scored
 * part of each signal, labelled 1 when its time lies inside a scored spindle. Spindles are rare (a few percent of
 * decisions), so all positive windows are kept and {@code negativesPerPositive} times as many negatives are drawn
 * at random (seeded).
 */
final class SpindleNetTrainingSet {

    private SpindleNetTrainingSet() {}

    static NetworkTrainer.Data of(SpindleNetConfig cfg, List<LabelledSignal> signals) {
        int w = cfg.channels() * cfg.windowSamples();
        List<float[]> pos = new ArrayList<>();
        List<float[]> neg = new ArrayList<>();
        for (LabelledSignal s : signals) {
            SpindleNetFrontEnd fe = new SpindleNetFrontEnd(cfg, s.fs());
            for (int i = 0; i < s.x().length; i++) {
                if (fe.push(s.x()[i])) {
                    double t = i / s.fs();
                    if (t >= s.scoredUntil()) {
                        break;
                    }
                    float[] win = new float[w];
                    fe.window(win, 0);
                    (s.inSpindle(t) ? pos : neg).add(win);
                }
            }
        }
        if (pos.isEmpty()) {
            throw new IllegalArgumentException("spindle net: no scored spindle inside the scored part of "
                    + signals.stream().map(LabelledSignal::name).toList());
        }
        Random rnd = new Random(cfg.seed());
        for (int i = neg.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            float[] tmp = neg.get(i);
            neg.set(i, neg.get(j));
            neg.set(j, tmp);
        }
        int nNeg = Math.min(neg.size(), pos.size() * cfg.negativesPerPositive());
        int n = pos.size() + nNeg;
        float[] x = new float[n * w];
        int[] y = new int[n];
        for (int i = 0; i < pos.size(); i++) {
            System.arraycopy(pos.get(i), 0, x, i * w, w);
            y[i] = 1;
        }
        for (int i = 0; i < nNeg; i++) {
            System.arraycopy(neg.get(i), 0, x, (pos.size() + i) * w, w);
        }
        return new NetworkTrainer.Data(x, cfg.channels(), cfg.windowSamples(), y, new int[n]);
    }
}
