package org.neuroloop.classifiers.mi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A pipeline by name plus its hyper-parameters; builds fresh (unfitted) pipelines and rebuilds fitted ones from
 * model files.
 * <ul>
 *   <li>{@code csp-lda}: CSP(components) + LDA (SVD); {@code csp-slda}: with Ledoit-Wolf shrinkage LDA;</li>
 *   <li>{@code mdm}: OAS covariances + MDM; {@code ts-lr}: OAS + tangent space + LR(C);</li>
 *   <li>{@code aug-ts-lr}, {@code aug-mdm}: the same on augmented (delay-embedded) OAS covariances of
 *       {@code order} and {@code lag};</li>
 *   <li>{@code recenter}: unsupervised per-session Riemannian re-centering (covariance pipelines only).</li>
 * </ul>
 */
public record PipelineSpec(String name, int components, double c, int order, int lag, boolean recenter) {

    public static final List<String> NAMES = List.of("csp-lda", "csp-slda", "mdm", "ts-lr", "aug-ts-lr", "aug-mdm");
    /**
     * Default embedding of the augmented pipelines: order 2, lag 12 samples (75 ms at 160 Hz). Picked from order 2 ×
     * lag {1, 2, 4, 8, 12, 16} on the first 10 splits of {@code ../shared/folds/S001_imagined.json} — one subject,
     * so treat it as a starting point, not a tuned value.
     */
    public static final int DEFAULT_ORDER = 2;

    public static final int DEFAULT_LAG = 12;

    public PipelineSpec {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("--pipeline: unknown pipeline '" + name + "', expected one of " + NAMES);
        }
        if (recenter && name.startsWith("csp")) {
            throw new IllegalArgumentException(
                    "--recenter works on covariance pipelines (mdm, ts-lr, aug-*), not " + name);
        }
    }

    /** Defaults: 4 CSP components, C = 1, augmented order/lag defaults, no re-centering. */
    public static PipelineSpec of(String name) {
        return new PipelineSpec(name, 4, 1.0, DEFAULT_ORDER, DEFAULT_LAG, false);
    }

    public PipelineSpec withRecenter(boolean r) {
        return new PipelineSpec(name, components, c, order, lag, r);
    }

    public PipelineSpec withEmbedding(int newOrder, int newLag) {
        return new PipelineSpec(name, components, c, newOrder, newLag, recenter);
    }

    public boolean augmented() {
        return name.startsWith("aug-");
    }

    /** A fresh pipeline; {@code cache} memoises covariance matrices per epoch (may be null). */
    public MotorImageryPipeline create(Map<double[][], DMatrixRMaj> cache) {
        return switch (name) {
            case "csp-lda" -> new CspLdaPipeline(components, LinearDiscriminantAnalysis.Solver.SVD);
            case "csp-slda" -> new CspLdaPipeline(components, LinearDiscriminantAnalysis.Solver.LSQR_LEDOIT_WOLF);
            case "mdm", "aug-mdm" ->
                new RiemannianPipeline(covariance(), RiemannianPipeline.Head.MDM, recenter, c, cache);
            default -> new RiemannianPipeline(covariance(), RiemannianPipeline.Head.TS_LR, recenter, c, cache);
        };
    }

    CovarianceSpec covariance() {
        return augmented() ? new CovarianceSpec(order, lag) : CovarianceSpec.OAS;
    }

    /** Rebuilds the fitted pipeline stored in a model file's {@code parameters}. */
    public MotorImageryPipeline load(JsonNode parameters) {
        return name.startsWith("csp") ? CspLdaPipeline.fromJson(parameters) : RiemannianPipeline.fromJson(parameters);
    }

    /** Short description, e.g. {@code aug-ts-lr(order=2,lag=4,C=1.0)}. */
    public String describe() {
        String base = switch (name) {
            case "csp-lda", "csp-slda" -> name + "(components=" + components + ")";
            case "mdm" -> "mdm(oas)";
            case "ts-lr" -> "ts-lr(oas,C=" + c + ")";
            case "aug-mdm" -> "aug-mdm(order=" + order + ",lag=" + lag + ")";
            default -> "aug-ts-lr(order=" + order + ",lag=" + lag + ",C=" + c + ")";
        };
        return recenter ? base + "+recenter" : base;
    }
}
