/**
 * Riemannian geometry of symmetric positive definite matrices with pyRiemann 0.9 semantics
 * ({@code pyriemann/utils/*}): matrix functions ({@link org.neuroloop.dsp.riemann.Spd}), the affine-invariant and
 * log-Euclidean distances ({@link org.neuroloop.dsp.riemann.RiemannDistance}), means
 * ({@link org.neuroloop.dsp.riemann.RiemannMean}, {@link org.neuroloop.dsp.riemann.LogEuclideanMean},
 * {@link org.neuroloop.dsp.riemann.EuclideanMean}, the online {@link
 * org.neuroloop.dsp.riemann.IncrementalRiemannMean}),
 * geodesics, the tangent space ({@link org.neuroloop.dsp.riemann.TangentSpace}) and re-centering
 * ({@link org.neuroloop.dsp.riemann.Recentering}).
 *
 * <p>Matrices are EJML {@code DMatrixRMaj}. Each operation has an allocating convenience form and, for hot loops,
 * a form writing into caller-owned outputs with a per-thread {@link org.neuroloop.dsp.riemann.SpdWorkspace}. The
 * symmetric eigendecomposition is EJML's symmetric QR algorithm. Pure Java, no Flink.
 */
package org.neuroloop.dsp.riemann;
