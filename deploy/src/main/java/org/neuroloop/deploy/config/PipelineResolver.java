package org.neuroloop.deploy.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.deploy.config.ResolvedConfig.ClassifierKind;
import org.neuroloop.deploy.registry.DetectorType;
import org.neuroloop.dsp.flink.FilterStage;
import org.neuroloop.dsp.quality.QualityCriteria;

/** The pipeline part of {@link ConfigResolver}: quality, filters, reference, features, classifier, detector, policy. */
final class PipelineResolver {
    /** Default stale timeout of live sessions. */
    static final double STALE_SECONDS = 2.0;

    private final ConfigResolver r;

    PipelineResolver(ConfigResolver r) {
        this.r = r;
    }

    ResolvedConfig.Pipeline resolve(PipelineSpec p, List<ResolvedConfig.Session> sessions, DecisionClock clock) {
        ResolvedConfig.Classifier classifier = classifier(p);
        List<FilterStage> filters = new ArrayList<>();
        if (classifier != null) {
            // the decoder must see exactly the band it was trained on: order-4 causal Butterworth from zero state
            filters.addAll(ConfigResolver.modelBand(classifier.band()));
        } else {
            p.filters().forEach(f -> filters.add(ConfigResolver.filterStage(f)));
        }
        PolicyConfig policy = null;
        if (p.policy() != null) {
            try {
                policy = ConfigResolver.policy(p.policy());
            } catch (IllegalArgumentException e) {
                throw r.fail("pipeline.policy", e.getMessage(), e);
            }
        }
        return new ResolvedConfig.Pipeline(
                quality(p),
                staleMillis(p, clock),
                List.copyOf(filters),
                reference(p),
                bandpower(p),
                covariance(p),
                classifier,
                detector(p, sessions),
                policy);
    }

    private static QualityCriteria quality(PipelineSpec p) {
        var q = p.quality();
        QualityCriteria d = QualityCriteria.eegDefaults(0);
        if (q == null) {
            return d;
        }
        return new QualityCriteria(
                q.channels() == null ? 0 : q.channels(),
                q.flatMicrovolts() == null ? d.flatTolerance() : q.flatMicrovolts(),
                q.flatSeconds() == null ? d.flatSeconds() : q.flatSeconds(),
                q.clipMicrovolts() == null ? d.clipLevel() : q.clipMicrovolts(),
                q.clipSamples() == null ? d.clipSamples() : q.clipSamples(),
                q.clockJumpSeconds() == null ? d.clockJumpTolerance() : q.clockJumpSeconds());
    }

    /**
     * The stale watch runs on processing time, which means something only for live streams. On the recording's
     * clock it is off: a file does not stall, and after a restore the wall-clock time the recovery took would
     * otherwise flag the first restored chunk stale and change the decisions (see {@code docs/delivery.md}).
     */
    private static long staleMillis(PipelineSpec p, DecisionClock clock) {
        if (clock == DecisionClock.RECORDING) {
            return 0;
        }
        double s = p.quality() == null || p.quality().staleSeconds() == null
                ? STALE_SECONDS
                : p.quality().staleSeconds();
        return Math.round(s * 1000);
    }

    private int[] reference(PipelineSpec p) {
        if (p.reference() == null) {
            return null;
        }
        if (!"channels".equals(p.reference().type())) {
            return new int[0];
        }
        int[] idx = new int[p.reference().channels().size()];
        for (int i = 0; i < idx.length; i++) {
            String label = p.reference().channels().get(i);
            try {
                idx[i] = Integer.parseInt(label);
            } catch (NumberFormatException e) {
                throw r.fail(
                        "pipeline.reference.channels[" + i + "]",
                        "'" + label
                                + "': give channel indices (0-based); labels are resolved per stream only by the sources");
            }
        }
        return idx;
    }

    private static ResolvedConfig.BandPower bandpower(PipelineSpec p) {
        var bp = p.features() == null ? null : p.features().bandpower();
        if (bp == null) {
            return null;
        }
        double window = bp.windowSeconds();
        double[][] bands = bp.bands().values().stream()
                .map(e -> new double[] {e.get(0), e.get(1)})
                .toArray(double[][]::new);
        return new ResolvedConfig.BandPower(
                window,
                bp.stepSeconds() == null ? window / 4 : bp.stepSeconds(),
                Math.min(1.0, window),
                List.copyOf(bp.bands().keySet()),
                bands,
                Boolean.TRUE.equals(bp.relative()));
    }

    private static ResolvedConfig.Covariance covariance(PipelineSpec p) {
        var cov = p.features() == null ? null : p.features().covariance();
        if (cov == null) {
            return null;
        }
        double window = cov.windowSeconds();
        return new ResolvedConfig.Covariance(
                window,
                cov.stepSeconds() == null ? Math.min(0.1, window) : cov.stepSeconds(),
                ConfigResolver.estimator(cov.estimator()));
    }

    private ResolvedConfig.Classifier classifier(PipelineSpec p) {
        var c = p.classifier();
        if (c == null) {
            return null;
        }
        boolean deep = PipelineChecks.SIMPLECONV.equals(c.type());
        MotorImageryModel model = deep ? null : r.miModel(c.model());
        SimpleConvModel network = deep ? r.simpleConvModel(c.model()) : null;
        return new ResolvedConfig.Classifier(
                deep ? ClassifierKind.SIMPLECONV : ClassifierKind.MI,
                r.resolve(c.model()).toAbsolutePath(),
                model,
                network,
                c.stepSeconds() == null ? 0.1 : c.stepSeconds(),
                c.targetClass() == null ? 1 : c.targetClass(),
                Boolean.TRUE.equals(c.recenter()));
    }

    private ResolvedConfig.Detector detector(PipelineSpec p, List<ResolvedConfig.Session> sessions) {
        var d = p.detector();
        if (d == null) {
            return null;
        }
        DetectorType type = ConfigResolver.detector(d.type());
        List<String> names = d.channels() != null ? d.channels() : List.of(d.channel() == null ? "0" : d.channel());
        if (!type.multiChannel() && names.size() != 1) {
            throw r.fail(
                    "pipeline.detector.channels", type.name() + " watches one channel: give channel, not " + names);
        }
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            String key = d.channels() != null ? "pipeline.detector.channels[" + i + "]" : "pipeline.detector.channel";
            idx[i] = r.channelIndex(key, names.get(i), sessions);
        }
        Serializable parameters;
        try {
            parameters = type.parameters(d.parameters());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw r.fail("pipeline.detector", type.name() + ": " + e.getMessage(), e);
        }
        return new ResolvedConfig.Detector(type, List.copyOf(names), idx, parameters);
    }
}
