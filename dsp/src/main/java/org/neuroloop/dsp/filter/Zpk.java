package org.neuroloop.dsp.filter;

import java.util.List;

/**
 * A filter as zeros, poles and gain: the intermediate form of scipy's {@code iirfilter}.
 * Package-private because only the design code needs it.
 */
record Zpk(List<Complex> zeros, List<Complex> poles, double gain) {
    Zpk {
        zeros = List.copyOf(zeros);
        poles = List.copyOf(poles);
    }

    int relativeDegree() {
        int degree = poles.size() - zeros.size();
        if (degree < 0) {
            throw new IllegalArgumentException(
                    "improper transfer function: " + zeros.size() + " zeros > " + poles.size() + " poles");
        }
        return degree;
    }
}
