package org.neuroloop.classifiers.sleep;

/**
 * Boxcar means over the last {@code n} samples of a sigma signal s and a broadband signal b: E[s], E[b], E[s²],
 * E[b²], E[sb]; before {@code n} samples have arrived the mean is over those seen. From them: sigma power E[s²],
 * relative sigma power E[s²]/E[b²], and the Pearson correlation
 * {@code (E[sb] - E[s]E[b]) / sqrt((E[s²] - E[s]²)(E[b²] - E[b]²))}.
 *
 * <p>Running sums with a ring buffer: O(1) per sample, nothing allocated after construction.
 */
final class SlidingMoments {
    private final int n;
    /** The ring this instance allocated: 5 values per slot. */
    private final double[] own;
    /** The ring in use, from {@link #base}: {@link #own}, or a saved state worked on in place ({@link #attach}). */
    private double[] ring;

    private int base;
    private int pos;
    private int count;
    private double ss, sb, sss, sbb, ssb;

    SlidingMoments(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window must hold >= 1 sample, got " + n);
        }
        this.n = n;
        this.own = new double[5 * n];
        this.ring = own;
    }

    void add(double s, double b) {
        int o = base + 5 * pos;
        if (count == n) {
            ss -= ring[o];
            sb -= ring[o + 1];
            sss -= ring[o + 2];
            sbb -= ring[o + 3];
            ssb -= ring[o + 4];
        } else {
            count++;
        }
        ring[o] = s;
        ring[o + 1] = b;
        ring[o + 2] = s * s;
        ring[o + 3] = b * b;
        ring[o + 4] = s * b;
        ss += s;
        sb += b;
        sss += s * s;
        sbb += b * b;
        ssb += s * b;
        pos = pos + 1 == n ? 0 : pos + 1;
    }

    double sigmaPower() {
        return sss / count;
    }

    double broadPower() {
        return sbb / count;
    }

    double correlation() {
        double ms = ss / count, mb = sb / count;
        double cov = ssb / count - ms * mb;
        double vs = sss / count - ms * ms, vb = sbb / count - mb * mb;
        return cov / Math.sqrt(Math.max(vs * vb, 1e-12));
    }

    int stateSize() {
        return own.length + 7;
    }

    int save(double[] a, int off) {
        if (ring != a || base != off) {
            System.arraycopy(ring, base, a, off, own.length);
        }
        off += own.length;
        a[off++] = pos;
        a[off++] = count;
        a[off++] = ss;
        a[off++] = sb;
        a[off++] = sss;
        a[off++] = sbb;
        a[off++] = ssb;
        return off;
    }

    int load(double[] a, int off) {
        System.arraycopy(a, off, own, 0, own.length);
        ring = own;
        base = 0;
        return loadScalars(a, off + own.length);
    }

    /**
     * As {@link #load}, but the ring stays in {@code a} and is updated there (no copy in, and none out when
     * {@link #save} writes to the same place) until the next load or attach.
     */
    int attach(double[] a, int off) {
        ring = a;
        base = off;
        return loadScalars(a, off + own.length);
    }

    private int loadScalars(double[] a, int off) {
        pos = (int) a[off++];
        count = (int) a[off++];
        ss = a[off++];
        sb = a[off++];
        sss = a[off++];
        sbb = a[off++];
        ssb = a[off++];
        return off;
    }
}
