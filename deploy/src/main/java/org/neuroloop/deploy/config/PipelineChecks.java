package org.neuroloop.deploy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.deploy.config.PipelineSpec.FilterSpec;
import org.neuroloop.deploy.registry.DetectorType;
import org.neuroloop.deploy.registry.Detectors;

/**
 * The checks of the {@code pipeline} section that {@link ConfigChecks} runs: quality thresholds, filters (and their
 * edges against a known stream rate), reference, features, the classifier and its model's band, the detector, and
 * that a policy has something to act on.
 */
final class PipelineChecks {
    static final Set<String> FILTER_TYPES = Set.of("bandpass", "lowpass", "highpass", "bandstop", "notch");
    /** The deep motor-imagery classifier type. */
    static final String SIMPLECONV = "simpleconv";

    static final List<String> CLASSIFIER_TYPES = List.of("mi", SIMPLECONV);

    private final ConfigResolver r;
    private final KeyChecks keys;

    PipelineChecks(ConfigResolver r, KeyChecks keys) {
        this.r = r;
        this.keys = keys;
    }

    /** Fails with the first problem of {@code p}. */
    void check(PipelineSpec p) {
        if (p.quality() != null) {
            var q = p.quality();
            if (q.channels() != null && q.channels() < 0) {
                keys.fail("pipeline.quality.channels", "must be >= 0 (0 = any), got " + q.channels());
            }
            keys.nonNegativeIfSet("pipeline.quality.flatMicrovolts", q.flatMicrovolts());
            keys.nonNegativeIfSet("pipeline.quality.flatSeconds", q.flatSeconds());
            keys.positiveIfSet("pipeline.quality.clipMicrovolts", q.clipMicrovolts());
            if (q.clipSamples() != null && q.clipSamples() < 1) {
                keys.fail("pipeline.quality.clipSamples", "must be >= 1, got " + q.clipSamples());
            }
            keys.positiveIfSet("pipeline.quality.clockJumpSeconds", q.clockJumpSeconds());
            keys.nonNegativeIfSet("pipeline.quality.staleSeconds", q.staleSeconds());
        }
        for (int i = 0; i < p.filters().size(); i++) {
            validateFilter("pipeline.filters[" + i + "]", p.filters().get(i));
        }
        if (p.reference() != null) {
            String t = p.reference().type();
            if (!"average".equals(t) && !"channels".equals(t)) {
                keys.fail("pipeline.reference.type", "'" + t + "' is not average or channels");
            }
            if ("channels".equals(t)
                    && (p.reference().channels() == null
                            || p.reference().channels().isEmpty())) {
                keys.fail("pipeline.reference.channels", "type channels needs a non-empty list of channel labels");
            }
        }
        if (p.features() != null) {
            var bp = p.features().bandpower();
            if (bp != null) {
                windowAndStep("pipeline.features.bandpower", bp.windowSeconds(), bp.stepSeconds());
                if (bp.bands() == null || bp.bands().isEmpty()) {
                    keys.fail("pipeline.features.bandpower.bands", "give at least one band, e.g. {alpha: [8, 12]}");
                }
                bp.bands().forEach((name, edges) -> {
                    if (edges == null || edges.size() != 2 || !(edges.get(0) >= 0) || !(edges.get(1) > edges.get(0))) {
                        keys.fail(
                                "pipeline.features.bandpower.bands." + name,
                                "expected [low, high] Hz with 0 <= low < high, got " + edges);
                    }
                });
            }
            var cov = p.features().covariance();
            if (cov != null) {
                windowAndStep("pipeline.features.covariance", cov.windowSeconds(), cov.stepSeconds());
                if (cov.estimator() != null && !List.of("scm", "lwf", "oas").contains(cov.estimator())) {
                    keys.fail(
                            "pipeline.features.covariance.estimator",
                            "'" + cov.estimator() + "' is not scm, lwf or oas");
                }
            }
        }
        if (p.classifier() != null && p.detector() != null) {
            keys.fail("pipeline", "give a classifier or a detector, not both");
        }
        if (p.classifier() != null) {
            checkClassifier(p);
        }
        if (p.detector() != null
                && (p.detector().type() == null
                        || Detectors.find(p.detector().type()).isEmpty())) {
            keys.fail(
                    "pipeline.detector.type",
                    "'" + p.detector().type() + "' is not a registered detector "
                            + Detectors.all().stream().map(DetectorType::name).toList());
        }
        if (p.policy() != null && p.classifier() == null && p.detector() == null) {
            keys.fail("pipeline.policy", "a policy needs a classifier or a detector to act on");
        }
    }

    private void checkClassifier(PipelineSpec p) {
        var c = p.classifier();
        if (!CLASSIFIER_TYPES.contains(c.type())) {
            keys.fail("pipeline.classifier.type", "'" + c.type() + "' is not a known classifier " + CLASSIFIER_TYPES);
        }
        boolean deep = SIMPLECONV.equals(c.type());
        if (KeyChecks.blank(c.model())) {
            keys.fail(
                    "pipeline.classifier.model",
                    "missing: path of a model written by 'neuroloop train mi'"
                            + (deep ? " --pipeline simpleconv --pretrained PRE.model" : ""));
        }
        Path m = r.resolve(c.model());
        if (!Files.isReadable(m)) {
            keys.fail("pipeline.classifier.model", "no readable model file at " + m);
        }
        Band band = deep
                ? r.simpleConvModel(c.model()).band()
                : r.miModel(c.model()).band();
        if (deep && Boolean.TRUE.equals(c.recenter())) {
            keys.fail(
                    "pipeline.classifier.recenter",
                    "simpleconv carries its subject's Euclidean alignment from" + " fine-tuning; leave recenter out");
        }
        for (int f = 0; f < p.filters().size(); f++) {
            var fs = p.filters().get(f);
            boolean same = p.filters().size() == 1
                    && "bandpass".equals(fs.type())
                    && fs.low() != null
                    && fs.low() == band.low()
                    && fs.high() != null
                    && fs.high() == band.high()
                    && (fs.order() == null || fs.order() == Band.ORDER);
            if (!same) {
                keys.fail(
                        "pipeline.filters",
                        "the model " + m.getFileName() + " was trained on a causal order-" + Band.ORDER
                                + " band-pass " + band.spec()
                                + " Hz; leave filters out (the job applies the model's band) or give exactly that");
            }
        }
        keys.positiveIfSet("pipeline.classifier.stepSeconds", c.stepSeconds());
        if (c.targetClass() != null && c.targetClass() < 0) {
            keys.fail("pipeline.classifier.targetClass", "must be >= 0, got " + c.targetClass());
        }
    }

    private void validateFilter(String key, FilterSpec f) {
        if (f.type() == null || !FILTER_TYPES.contains(f.type())) {
            keys.fail(key + ".type", "'" + f.type() + "' is not one of " + FILTER_TYPES);
        }
        if (f.type().equals("notch")) {
            if (f.freq() == null || !(f.freq() > 0)) {
                keys.fail(key + ".freq", "a notch needs freq > 0 Hz, got " + f.freq());
            }
            keys.positiveIfSet(key + ".q", f.q());
            return;
        }
        if (f.order() != null && (f.order() < 1 || f.order() > 16)) {
            keys.fail(key + ".order", "must be 1..16, got " + f.order());
        }
        boolean needLow = !f.type().equals("lowpass");
        boolean needHigh = !f.type().equals("highpass");
        if (needLow && (f.low() == null || !(f.low() > 0))) {
            keys.fail(key + ".low", f.type() + " needs low > 0 Hz, got " + f.low());
        }
        if (needHigh && (f.high() == null || !(f.high() > 0))) {
            keys.fail(key + ".high", f.type() + " needs high > 0 Hz, got " + f.high());
        }
        if (needLow && needHigh && !(f.low() < f.high())) {
            keys.fail(key + ".high", "must be above low (" + f.low() + " Hz), got " + f.high());
        }
    }

    /** Fails when a filter edge is at or above the Nyquist frequency of {@code rate} (NaN: unknown, skip). */
    void checkNyquist(String key, FilterSpec f, double rate, String sessionKey) {
        if (Double.isNaN(rate)) {
            return;
        }
        double nyquist = rate / 2;
        Double[] edges = f.type().equals("notch") ? new Double[] {f.freq()} : new Double[] {f.low(), f.high()};
        String[] names = f.type().equals("notch") ? new String[] {"freq"} : new String[] {"low", "high"};
        for (int i = 0; i < edges.length; i++) {
            if (edges[i] != null && edges[i] >= nyquist) {
                keys.fail(
                        key + "." + names[i],
                        edges[i] + " Hz is at or above the Nyquist frequency " + nyquist + " Hz of " + sessionKey + " ("
                                + rate + " Hz)");
            }
        }
    }

    private void windowAndStep(String key, Double window, Double step) {
        if (window == null || !(window > 0)) {
            keys.fail(key + ".windowSeconds", "must be > 0, got " + window);
        }
        if (step != null && !(step > 0 && step <= window)) {
            keys.fail(key + ".stepSeconds", "must be in (0, windowSeconds], got " + step);
        }
    }
}
