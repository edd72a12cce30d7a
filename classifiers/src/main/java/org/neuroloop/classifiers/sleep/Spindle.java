package org.neuroloop.classifiers.sleep;

/**
 * A detected sleep spindle, reported when it ends.
 *
 * @param firedAt time of the sample at which the online detector fired (NaN for the offline detector)
 * @param onset estimated onset, seconds
 * @param offset estimated offset, seconds
 * @param peak time of the largest sigma-band amplitude, seconds
 * @param frequency sigma zero-crossing rate / 2 over the run, Hz
 * @param amplitude largest absolute sigma-band value in the run, µV (input units)
 * @param score z(log sigma RMS) when it fired (offline: its maximum in the run)
 * @param accepted whether the duration is within the configured limits (a fired event outside them is reported
 *     as rejected, so a consumer that already acted on the fire learns it)
 */
public record Spindle(
        double firedAt,
        double onset,
        double offset,
        double peak,
        double frequency,
        double amplitude,
        double score,
        boolean accepted) {

    public double duration() {
        return offset - onset;
    }

    public Interval interval() {
        return new Interval(onset, Math.max(onset, offset));
    }
}
