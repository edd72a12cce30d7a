/**
 * Covariance estimators for EEG epochs, equal to pyRiemann 0.9's {@code Covariances} / scikit-learn:
 * {@link org.neuroloop.dsp.covariance.SampleCovariance} (np.cov(bias=1)), {@link
 * org.neuroloop.dsp.covariance.LedoitWolf},
 * {@link org.neuroloop.dsp.covariance.Oas}, the delay-embedding {@link
 * org.neuroloop.dsp.covariance.AugmentedCovariance},
 * the streaming {@link org.neuroloop.dsp.covariance.SlidingCovariance}, and batch
 * {@link org.neuroloop.dsp.covariance.Covariances}.
 *
 * <p>Epochs come as a channels × samples EJML matrix or as interleaved {@code Chunk}-layout samples
 * ({@code x[t * channels + c]}); see {@link org.neuroloop.dsp.covariance.CenteredEpoch}. Every estimator removes each
 * channel's mean and divides by the number of samples. Pure Java, no Flink.
 */
package org.neuroloop.dsp.covariance;
