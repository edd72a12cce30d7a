package org.neuroloop.classifiers.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link CommonSpatialPatterns} log-power features into {@link LinearDiscriminantAnalysis}: MNE's
 * {@code make_pipeline(CSP(n_components=4, log=True), LinearDiscriminantAnalysis())} (name {@code csp-lda}), or
 * with Ledoit-Wolf shrinkage LDA ({@code csp-slda}).
 */
public final class CspLdaPipeline implements MotorImageryPipeline {

    private final int components;
    private final LinearDiscriminantAnalysis.Solver solver;
    private CommonSpatialPatterns csp;
    private LinearDiscriminantAnalysis lda;

    public CspLdaPipeline(int components, LinearDiscriminantAnalysis.Solver solver) {
        this.components = components;
        this.solver = solver;
    }

    static CspLdaPipeline fromJson(JsonNode p) {
        CspLdaPipeline pl = new CspLdaPipeline(
                JsonArrays.field(p, "components").asInt(),
                LinearDiscriminantAnalysis.Solver.valueOf(
                        JsonArrays.field(p, "lda_solver").asText()));
        pl.csp = CommonSpatialPatterns.fromFilters(JsonArrays.toMatrix(p, "csp_filters"));
        pl.lda = LinearDiscriminantAnalysis.fromCoefficients(
                pl.solver,
                JsonArrays.toVector(p, "lda_coef"),
                JsonArrays.field(p, "lda_intercept").asDouble());
        return pl;
    }

    @Override
    public String name() {
        return solver == LinearDiscriminantAnalysis.Solver.SVD ? "csp-lda" : "csp-slda";
    }

    @Override
    public CspLdaPipeline fit(double[][][] x, int[] y, int[] sessions) {
        csp = new CommonSpatialPatterns(components).fit(x, y);
        lda = new LinearDiscriminantAnalysis(solver).fit(csp.transform(x), y);
        return this;
    }

    @Override
    public double[][] predictProba(double[][][] x, int[] sessions) {
        double[][] f = transform(x, sessions);
        double[][] p = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            p[i] = lda.predictProba(f[i]);
        }
        return p;
    }

    @Override
    public double[][] transform(double[][][] x, int[] sessions) {
        requireFitted();
        return csp.transform(x);
    }

    @Override
    public OnlineDecoder online() {
        requireFitted();
        return window -> lda.predictProba(csp.transform(window));
    }

    @Override
    public ObjectNode parametersJson() {
        requireFitted();
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("components", components);
        p.put("lda_solver", solver.name());
        p.set("csp_filters", JsonArrays.matrix(csp.filters()));
        p.set("lda_coef", JsonArrays.vector(lda.coef()));
        p.put("lda_intercept", lda.intercept());
        return p;
    }

    private void requireFitted() {
        if (csp == null) {
            throw new IllegalStateException(name() + " is not fitted");
        }
    }
}
