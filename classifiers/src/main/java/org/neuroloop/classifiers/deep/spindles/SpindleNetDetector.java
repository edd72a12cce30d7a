package org.neuroloop.classifiers.deep.spindles;

import java.util.Arrays;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.sleep.SpindleListener;

/**
 * The spindle network run sample by sample, as online: {@link SpindleNetFrontEnd} → one forward pass of the
 * loaded network per decision → {@link SpindleNetEvents}. The network is loaded once and may be shared by many
 * detectors (one per session); per sample nothing is allocated on the Java side and a decision's native arrays are
 * freed before it returns. The caller owns (and closes) the network.
 */
public final class SpindleNetDetector {

    private final SpindleNetFrontEnd frontEnd;
    private final LoadedNetwork network;
    private final SpindleNetEvents events;
    private final float[] window;
    private final double[] p = new double[1];
    private double lastT;

    /** @param network {@code model.load()}, not closed here */
    public SpindleNetDetector(SpindleNetModel model, LoadedNetwork network, double fs) {
        frontEnd = new SpindleNetFrontEnd(model.config(), fs);
        this.network = network;
        events = new SpindleNetEvents(model.rule());
        window = new float[SpindleNetConfig.CHANNELS * model.config().windowSamples()];
    }

    /** One sample at time t; returns the spindle probability when a decision was made, else NaN. */
    public double step(double x, double t, SpindleListener out) {
        lastT = t;
        if (!frontEnd.push(x)) {
            return Double.NaN;
        }
        frontEnd.window(window, 0);
        network.predictProba1(window, 1, p);
        events.step(p[0], t, out);
        return p[0];
    }

    /** Ends a spindle cut by the end of the data. */
    public void flush(SpindleListener out) {
        events.flush(lastT, out);
    }

    /** Front-end and event state plus the last sample time, one array (Flink keyed state). */
    public double[] saveState() {
        double[] f = frontEnd.saveState();
        double[] e = events.saveState();
        double[] out = new double[1 + e.length + f.length];
        out[0] = lastT;
        System.arraycopy(e, 0, out, 1, e.length);
        System.arraycopy(f, 0, out, 1 + e.length, f.length);
        return out;
    }

    public void loadState(double[] st) {
        lastT = st[0];
        events.loadState(Arrays.copyOfRange(st, 1, 6));
        frontEnd.loadState(Arrays.copyOfRange(st, 6, st.length));
    }
}
