package org.neuroloop.classifiers.deep.spindles;

import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.detect.SavedState;
import org.neuroloop.classifiers.sleep.SpindleListener;

/**
 * The spindle network run sample by sample, as online: {@link SpindleNetFrontEnd} → one forward pass of the
 * loaded network per decision → {@link SpindleNetEvents}. The network is loaded once and may be shared by many
 * detectors (one per session); per sample nothing is allocated on the Java side and a decision's native arrays are
 * freed before it returns. The caller owns (and closes) the network. Its state swaps in and out of a
 * {@code double[]} without allocating ({@link SavedState}), so one working detector serves many sessions.
 */
public final class SpindleNetDetector implements SavedState {

    private final SpindleNetFrontEnd frontEnd;
    private final LoadedNetwork network;
    private final SpindleNetScore score;
    private final SpindleNetEvents events;
    private final float[] window;
    private final double[] p = new double[1];
    private double lastT;

    /** @param network {@code model.load()}, not closed here */
    public SpindleNetDetector(SpindleNetModel model, LoadedNetwork network, double fs) {
        frontEnd = new SpindleNetFrontEnd(model.config(), fs);
        this.network = network;
        score = new SpindleNetScore(model.rule().relative(), model.config().decisionsPerSecond());
        events = new SpindleNetEvents(model.rule());
        window = new float[model.config().channels() * model.config().windowSamples()];
    }

    /**
     * One sample at time t; returns the spindle probability when a decision was made, else NaN (the events see the
     * rule's {@link SpindleNetScore}).
     */
    public double step(double x, double t, SpindleListener out) {
        lastT = t;
        if (!frontEnd.push(x)) {
            return Double.NaN;
        }
        frontEnd.window(window, 0);
        network.predictProba1(window, 1, p);
        events.step(score.score(p[0]), t, out);
        return p[0];
    }

    /** Ends a spindle cut by the end of the data. */
    public void flush(SpindleListener out) {
        events.flush(lastT, out);
    }

    /** The last sample time, the event state, the score's baseline and the front-end state. */
    @Override
    public int stateSize() {
        return 1 + SpindleNetEvents.STATE_SIZE + score.stateSize() + frontEnd.stateSize();
    }

    @Override
    public void saveState(double[] into) {
        into[0] = lastT;
        events.saveState(into, 1);
        score.saveState(into, 1 + SpindleNetEvents.STATE_SIZE);
        frontEnd.saveState(into, 1 + SpindleNetEvents.STATE_SIZE + score.stateSize());
    }

    @Override
    public void loadState(double[] from) {
        if (from.length != stateSize()) {
            throw new IllegalArgumentException(
                    "spindle net detector: state of " + from.length + " values, expected " + stateSize());
        }
        lastT = from[0];
        events.loadState(from, 1);
        score.loadState(from, 1 + SpindleNetEvents.STATE_SIZE);
        frontEnd.loadState(from, 1 + SpindleNetEvents.STATE_SIZE + score.stateSize());
    }
}
