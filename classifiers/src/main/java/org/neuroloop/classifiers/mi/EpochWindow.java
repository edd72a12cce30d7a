package org.neuroloop.classifiers.mi;

/**
 * Epoch window relative to the cue onset, {@code [tmin, tmax)} seconds. In samples at rate fs the epoch is
 * {@code [onset_sample + round(tmin·fs), onset_sample + round(tmin·fs) + round((tmax − tmin)·fs))} with
 * {@code onset_sample = round(onset_s·fs)}, as {@code ../shared/folds/*.json} describe (Python's round-half-even
 * is matched with {@link Math#rint}).
 */
public record EpochWindow(double tmin, double tmax) {

    public EpochWindow {
        if (!(tmax > tmin) || !Double.isFinite(tmin) || !Double.isFinite(tmax)) {
            throw new IllegalArgumentException("window: need finite tmin < tmax, got " + tmin + ":" + tmax);
        }
    }

    /** Parses {@code 0.5:2.5}. */
    public static EpochWindow parse(String spec) {
        String[] p = spec.split(":");
        if (p.length != 2) {
            throw new IllegalArgumentException("--window: '" + spec + "' is not TMIN:TMAX in seconds (e.g. 0.5:2.5)");
        }
        try {
            return new EpochWindow(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--window: '" + spec + "' is not TMIN:TMAX in seconds (e.g. 0.5:2.5)");
        }
    }

    public static long onsetSample(double onsetSeconds, double fs) {
        return (long) Math.rint(onsetSeconds * fs);
    }

    public int startOffset(double fs) {
        return (int) Math.rint(tmin * fs);
    }

    public int length(double fs) {
        return (int) Math.rint((tmax - tmin) * fs);
    }

    public String spec() {
        return tmin + ":" + tmax;
    }
}
