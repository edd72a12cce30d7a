package org.neuroloop.classifiers.sleep;

/**
 * A negative half-wave of the slow-oscillation band: from a downward to the next upward zero crossing.
 *
 * @param down time of the downward zero crossing, seconds
 * @param trough time of the most negative sample, seconds
 * @param troughValue that sample, µV
 * @param up time of the upward zero crossing, seconds
 */
public record NegativeHalfWave(double down, double trough, double troughValue, double up) {

    public double duration() {
        return up - down;
    }

    /** Frequency of a sine with this half period, {@code 1 / (2 duration)}, Hz. */
    public double frequency() {
        return 1 / (2 * duration());
    }
}
