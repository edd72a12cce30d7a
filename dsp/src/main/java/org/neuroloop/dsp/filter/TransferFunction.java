package org.neuroloop.dsp.filter;

/**
 * Numerator and denominator polynomials in {@code z^-1}, scipy's {@code (b, a)}:
 * {@code H(z) = (b0 + b1 z^-1 + ...) / (a0 + a1 z^-1 + ...)}.
 *
 * @param b numerator coefficients (not copied)
 * @param a denominator coefficients (not copied)
 */
public record TransferFunction(double[] b, double[] a) {}
