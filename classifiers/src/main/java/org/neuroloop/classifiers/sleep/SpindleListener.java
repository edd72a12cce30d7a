package org.neuroloop.classifiers.sleep;

/** Receives the online spindle detector's decisions, in time order. */
public interface SpindleListener {

    /**
     * The detector decided a spindle is under way (as early as it can: this is the moment to stimulate).
     *
     * @param firedAt time of the deciding sample
     * @param onsetEstimate estimated onset so far
     * @param score z(log sigma RMS) at the decision
     */
    void onFire(double firedAt, double onsetEstimate, double score);

    /** The fired spindle ended; its full description (possibly {@code accepted == false}). */
    void onSpindle(Spindle spindle);
}
