package org.neuroloop.classifiers.deep.spindles;

import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.sleep.SpindleListener;

/**
 * The spindle network run sample by sample, as online: {@link SpindleNetFrontEnd} → one forward pass of the
 * loaded network per decision → {@link SpindleNetEvents}. The network is loaded once at construction; per sample
 * nothing is allocated on the Java side and a decision's native arrays are freed before it returns. Close it to
 * free the network.
 */
public final class SpindleNetDetector implements AutoCloseable {

    private final SpindleNetFrontEnd frontEnd;
    private final LoadedNetwork network;
    private final SpindleNetEvents events;
    private final float[] window;
    private final double[] p = new double[1];
    private double lastT;

    public SpindleNetDetector(SpindleNetModel model, double fs) {
        frontEnd = new SpindleNetFrontEnd(model.config(), fs);
        network = model.load();
        events = new SpindleNetEvents(model.rule());
        window = new float[model.config().windowSamples()];
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

    @Override
    public void close() {
        network.close();
    }
}
