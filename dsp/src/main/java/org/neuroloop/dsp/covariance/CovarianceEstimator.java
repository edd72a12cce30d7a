package org.neuroloop.dsp.covariance;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/** The covariance estimators by name (pyRiemann's {@code Covariances(estimator=...)}: 'scm', 'lwf', 'oas'). */
public enum CovarianceEstimator {
    /** {@link SampleCovariance}. */
    SCM,
    /** {@link LedoitWolf}. */
    LEDOIT_WOLF,
    /** {@link Oas}. */
    OAS;

    /** Estimates the covariance of the loaded epoch into {@code out}; allocation-free. */
    public DMatrixRMaj estimate(CenteredEpoch epoch, DMatrixRMaj out) {
        switch (this) {
            case SCM -> SampleCovariance.estimate(epoch, out);
            case LEDOIT_WOLF -> LedoitWolf.estimate(epoch, out);
            case OAS -> Oas.estimate(epoch, out);
            default -> throw new AssertionError(this);
        }
        return out;
    }

    /** Covariance of a channels × samples epoch. */
    public DMatrixRMaj of(DMatrixRMaj epoch) {
        return estimate(new CenteredEpoch().load(epoch), new DMatrixRMaj(epoch.numRows, epoch.numRows));
    }

    /** This estimate of interleaved samples {@code x[t * channels + c]} (the {@code Chunk} layout). */
    public DMatrixRMaj ofInterleaved(double[] x, int channels) {
        return estimate(new CenteredEpoch().loadInterleaved(x, channels), new DMatrixRMaj(channels, channels));
    }

    /** Parses pyRiemann's names ("scm", "lwf", "oas") and the enum names, case-insensitively. */
    public static CovarianceEstimator parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "scm", "cov", "sample" -> SCM;
            case "lwf", "ledoit_wolf", "ledoit-wolf", "ledoitwolf" -> LEDOIT_WOLF;
            case "oas" -> OAS;
            default ->
                throw new IllegalArgumentException(
                        "unknown covariance estimator '" + name + "'; expected one of scm, lwf, oas");
        };
    }
}
