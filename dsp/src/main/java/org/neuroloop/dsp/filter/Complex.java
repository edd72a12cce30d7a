package org.neuroloop.dsp.filter;

/**
 * Minimal immutable complex number for filter design (poles, zeros, gains). Design runs once per filter,
 * so clarity beats allocation here; the operations mirror numpy's so the designs match scipy to the last bits
 * that matter (principal square root as C99 {@code csqrt}, modulus as {@code hypot}).
 */
record Complex(double re, double im) {

    static final Complex ZERO = new Complex(0, 0);
    static final Complex ONE = new Complex(1, 0);

    static Complex real(double re) {
        return new Complex(re, 0);
    }

    Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Complex times(double s) {
        return new Complex(re * s, im * s);
    }

    /** Smith's algorithm with a reciprocal scale, as numpy's complex divide loop. */
    Complex div(Complex o) {
        double c = o.re;
        double d = o.im;
        if (Math.abs(c) >= Math.abs(d)) {
            if (c == 0 && d == 0) {
                return new Complex(re / Math.abs(c), im / Math.abs(d));
            }
            double rat = d / c;
            double scl = 1.0 / (c + d * rat);
            return new Complex((re + im * rat) * scl, (im - re * rat) * scl);
        }
        double rat = c / d;
        double scl = 1.0 / (d + c * rat);
        return new Complex((re * rat + im) * scl, (im * rat - re) * scl);
    }

    Complex negate() {
        return new Complex(-re, -im);
    }

    Complex conj() {
        return new Complex(re, -im);
    }

    double abs() {
        return Math.hypot(re, im);
    }

    boolean isReal() {
        return im == 0.0;
    }

    /** Principal square root (branch cut on the negative real axis), C99 csqrt. */
    Complex sqrt() {
        if (re == 0 && im == 0) {
            return new Complex(0, im);
        }
        double t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) * 0.5);
        if (re >= 0) {
            return new Complex(t, im / (2 * t));
        }
        return new Complex(Math.abs(im) / (2 * t), Math.copySign(t, im));
    }

    static Complex expi(double theta) {
        return new Complex(Math.cos(theta), Math.sin(theta));
    }

    @Override
    public String toString() {
        return "(" + re + (im < 0 ? "" : "+") + im + "j)";
    }
}
