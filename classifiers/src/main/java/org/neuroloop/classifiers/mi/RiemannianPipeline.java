package org.neuroloop.classifiers.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.neuroloop.dsp.riemann.IncrementalRiemannMean;
import org.neuroloop.dsp.riemann.Recentering;
import org.neuroloop.dsp.riemann.RiemannMean;
import org.neuroloop.dsp.riemann.TangentSpace;

/**
 * Covariance-based decoders: epochs → {@link CovarianceSpec} SPD matrices → optional unsupervised re-centering →
 * either {@link MinimumDistanceToMean} ({@code mdm}) or tangent space at the training set's Riemannian mean plus
 * L2 {@link LogisticRegression} ({@code ts-lr}, pyRiemann's {@code make_pipeline(Covariances('oas'),
 * TangentSpace(), LogisticRegression())}).
 *
 * <p>Re-centering (Zanini et al. 2018): each session's matrices C are replaced by {@code M_s^{-1/2} C M_s^{-1/2}}
 * with M_s the Riemannian mean of that session's matrices — in training, and in batch prediction for every session
 * of the batch; online, M_s is the running mean of the windows seen so far ({@link OnlineDecoder}).
 */
public final class RiemannianPipeline implements MotorImageryPipeline {

    /** The classifier on the (re-centred) matrices. */
    public enum Head {
        MDM,
        TS_LR
    }

    private final CovarianceSpec spec;
    private final Head head;
    private final boolean recenter;
    private final double c;
    private final Map<double[][], DMatrixRMaj> cache;
    private MinimumDistanceToMean mdm;
    private TangentSpace tangent;
    private LogisticRegression lr;

    /**
     * @param cache optional shared memo of epoch → matrix (keyed by array identity; cross-validation reuses the
     *     matrices of each trial across folds), or null
     */
    public RiemannianPipeline(
            CovarianceSpec spec, Head head, boolean recenter, double c, Map<double[][], DMatrixRMaj> cache) {
        this.spec = spec;
        this.head = head;
        this.recenter = recenter;
        this.c = c;
        this.cache = cache;
    }

    static RiemannianPipeline fromJson(JsonNode p) {
        CovarianceSpec spec = new CovarianceSpec(
                JsonArrays.field(p, "order").asInt(), JsonArrays.field(p, "lag").asInt());
        Head head = Head.valueOf(JsonArrays.field(p, "head").asText());
        RiemannianPipeline pl = new RiemannianPipeline(
                spec,
                head,
                JsonArrays.field(p, "recenter").asBoolean(),
                p.path("C").asDouble(1.0),
                null);
        if (head == Head.MDM) {
            List<DMatrixRMaj> means = new ArrayList<>();
            JsonNode m = JsonArrays.field(p, "class_means");
            for (int k = 0; k < m.size(); k++) {
                means.add(JsonArrays.toDMatrix(m.get(k), "class_means[" + k + "]"));
            }
            pl.mdm = MinimumDistanceToMean.fromMeans(means);
        } else {
            pl.tangent = TangentSpace.at(JsonArrays.toDMatrix(JsonArrays.field(p, "reference"), "reference"));
            pl.lr = LogisticRegression.fromCoefficients(
                    pl.c,
                    JsonArrays.toVector(p, "lr_coef"),
                    JsonArrays.field(p, "lr_intercept").asDouble());
        }
        return pl;
    }

    @Override
    public String name() {
        return (spec.order() > 1 ? "aug-" : "") + (head == Head.MDM ? "mdm" : "ts-lr");
    }

    public CovarianceSpec covarianceSpec() {
        return spec;
    }

    public boolean recenters() {
        return recenter;
    }

    /** SPD matrices of the epochs (memoised when a cache was given). */
    public List<DMatrixRMaj> covariances(double[][][] x) {
        DMatrixRMaj[] out = new DMatrixRMaj[x.length];
        IntStream.range(0, x.length).parallel().forEach(i -> out[i] = covariance(x[i]));
        return Arrays.asList(out);
    }

    /** SPD matrix of one epoch {@code [channel][time]}. */
    public DMatrixRMaj covariance(double[][] epoch) {
        if (cache == null) {
            return spec.of(epoch);
        }
        DMatrixRMaj m;
        synchronized (cache) {
            m = cache.get(epoch);
        }
        if (m == null) {
            m = spec.of(epoch);
            synchronized (cache) {
                cache.put(epoch, m);
            }
        }
        return m;
    }

    /** Each session's matrices whitened by that session's Riemannian mean (new list; inputs untouched). */
    static List<DMatrixRMaj> recenterBySession(List<DMatrixRMaj> covs, int[] sessions) {
        List<DMatrixRMaj> out = new ArrayList<>(covs);
        int[] ids = Arrays.stream(sessions).distinct().toArray();
        for (int s : ids) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < sessions.length; i++) {
                if (sessions[i] == s) {
                    idx.add(i);
                }
            }
            DMatrixRMaj mean = RiemannMean.of(idx.stream().map(covs::get).toList());
            Recentering r = Recentering.fixed(mean);
            for (int i : idx) {
                out.set(i, r.apply(covs.get(i), new DMatrixRMaj(mean.numRows, mean.numCols)));
            }
        }
        return out;
    }

    private List<DMatrixRMaj> prepared(double[][][] x, int[] sessions) {
        List<DMatrixRMaj> covs = covariances(x);
        if (recenter) {
            if (sessions == null || sessions.length != x.length) {
                throw new IllegalArgumentException(name() + " with re-centering needs a session index per trial");
            }
            covs = recenterBySession(covs, sessions);
        }
        return covs;
    }

    @Override
    public RiemannianPipeline fit(double[][][] x, int[] y, int[] sessions) {
        List<DMatrixRMaj> covs = prepared(x, sessions);
        if (head == Head.MDM) {
            Features.checkBinary(new double[y.length][1], y);
            mdm = new MinimumDistanceToMean().fit(covs, y);
        } else {
            tangent = TangentSpace.at(RiemannMean.of(covs));
            lr = new LogisticRegression(c).fit(tangent.projectAll(covs), y);
        }
        return this;
    }

    /** Probabilities of one (already re-centred, when re-centering) SPD matrix. */
    public double[] predictProbaCovariance(DMatrixRMaj cov) {
        requireFitted();
        return head == Head.MDM ? mdm.predictProba(cov) : lr.predictProba(tangent.project(cov));
    }

    @Override
    public double[][] predictProba(double[][][] x, int[] sessions) {
        List<DMatrixRMaj> covs = prepared(x, sessions);
        double[][] p = new double[covs.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = predictProbaCovariance(covs.get(i));
        }
        return p;
    }

    @Override
    public double[][] transform(double[][][] x, int[] sessions) {
        requireFitted();
        List<DMatrixRMaj> covs = prepared(x, sessions);
        if (head == Head.MDM) {
            return covs.stream().map(mdm::distances).toArray(double[][]::new);
        }
        return tangent.projectAll(covs);
    }

    @Override
    public OnlineDecoder online() {
        requireFitted();
        if (!recenter) {
            return window -> predictProbaCovariance(spec.of(window));
        }
        return new RecenteringDecoder();
    }

    /**
     * Online re-centering: each window's matrix C updates the running Riemannian mean M
     * ({@link IncrementalRiemannMean}, geodesic step 1/k), then {@code M^{-1/2} C M^{-1/2}} is classified.
     */
    private final class RecenteringDecoder implements OnlineDecoder {
        private IncrementalRiemannMean reference;

        @Override
        public double[] decide(double[][] window) {
            DMatrixRMaj cov = spec.of(window);
            if (reference == null) {
                reference = new IncrementalRiemannMean(cov.numRows);
            }
            reference.update(cov);
            return predictProbaCovariance(Recentering.whiten(cov, reference.mean()));
        }

        /** {@code [count, mean row-major...]}, empty before the first window. */
        @Override
        public double[] state() {
            if (reference == null) {
                return new double[0];
            }
            DMatrixRMaj m = reference.mean();
            double[] s = new double[1 + m.data.length];
            s[0] = reference.count();
            System.arraycopy(m.data, 0, s, 1, m.data.length);
            return s;
        }

        @Override
        public void restore(double[] state) {
            if (state == null || state.length == 0) {
                reference = null;
                return;
            }
            int n = (int) Math.round(Math.sqrt(state.length - 1));
            if (n * n != state.length - 1) {
                throw new IllegalArgumentException("re-centering state of length " + state.length + " is not 1 + n²");
            }
            reference = new IncrementalRiemannMean(n);
            reference.restore(new DMatrixRMaj(n, n, true, Arrays.copyOfRange(state, 1, state.length)), (long) state[0]);
        }
    }

    @Override
    public ObjectNode parametersJson() {
        requireFitted();
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("covariance", "oas");
        p.put("order", spec.order());
        p.put("lag", spec.lag());
        p.put("head", head.name());
        p.put("recenter", recenter);
        if (head == Head.MDM) {
            ArrayNode means = p.putArray("class_means");
            mdm.means().forEach(m -> means.add(JsonArrays.matrix(m)));
        } else {
            p.put("C", c);
            p.set("reference", JsonArrays.matrix(tangent.reference()));
            p.set("lr_coef", JsonArrays.vector(lr.coef()));
            p.put("lr_intercept", lr.intercept());
        }
        return p;
    }

    private void requireFitted() {
        if (mdm == null && lr == null) {
            throw new IllegalStateException(name() + " is not fitted");
        }
    }
}
