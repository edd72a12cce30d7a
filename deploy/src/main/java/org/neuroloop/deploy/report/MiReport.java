package org.neuroloop.deploy.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuroloop.classifiers.mi.CrossValidation;
import org.neuroloop.classifiers.mi.RocAuc;
import org.neuroloop.classifiers.mi.TrialSet;

/**
 * The report of {@code evaluate mi}: accuracy and AUC per fold, the confusion matrix and ROC curve of the pooled
 * out-of-fold predictions, and class-mean covariance maps (the diagonal: band power per channel of each class, and
 * their difference in dB) as scalp topographies.
 *
 * <p>Fed by the evaluation as it runs ({@link #listener()}); the trials give the maps.
 */
public final class MiReport {
    private final String description;
    private final String mode;
    private final TrialSet trials;
    private final List<Integer> labels = new ArrayList<>();
    private final List<Double> scores = new ArrayList<>();
    private final List<double[]> folds = new ArrayList<>();

    /**
     * @param description the pipeline as {@code evaluate mi} prints it
     * @param mode how the trials were split
     * @param trials every trial of the evaluation (band-passed epochs, labels, channels)
     */
    public MiReport(String description, String mode, TrialSet trials) {
        this.description = description;
        this.mode = mode;
        this.trials = trials;
    }

    /** Collects each split's accuracy, AUC and out-of-fold probabilities; chain it with other listeners. */
    public CrossValidation.SplitListener listener() {
        return (index, splits, test, proba, score) -> {
            for (int i = 0; i < proba.length; i++) {
                labels.add(test.labels()[i]);
                scores.add(proba[i][1]);
            }
            folds.add(new double[] {score.accuracy(), score.auc()});
        };
    }

    public ReportPage page() {
        List<String> classes = trials.classes().classNames();
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        ReportPage page = new ReportPage("Motor imagery: " + description);
        page.paragraph(mode + "; " + trials.size() + " trials (" + classes.get(0) + " " + trials.classCounts()[0] + ", "
                + classes.get(1) + " " + trials.classCounts()[1] + ") from " + trials.sessionNames() + ", "
                + trials.channels().size() + " channels at " + trials.fs() + " Hz.");
        page.table(
                "mi-summary",
                List.of("figure", "value"),
                List.of(
                        List.of("folds", Integer.toString(folds.size())),
                        List.of("accuracy mean ± sd", meanSd(0)),
                        List.of("AUC mean ± sd", meanSd(1)),
                        List.of("pooled out-of-fold AUC", fmt(RocAuc.of(y, s)))));
        page.heading("Per fold");
        page.figure(
                "fold-accuracy",
                PlotImage.of(MiPlots.foldAccuracy(folds), 900, 300),
                "Accuracy and AUC of each split (test trials only); dashed: chance.");
        page.heading("Out-of-fold predictions");
        page.figure(
                "confusion-matrix",
                PlotImage.of(MiPlots.confusion(y, s, classes), 380, 340),
                "Confusion matrix of every test trial over all splits (a trial is counted once per split it is"
                        + " tested in).");
        page.figure(
                "roc",
                PlotImage.of(MiPlots.roc(y, s, classes.get(1)), 380, 340),
                "ROC of P(" + classes.get(1) + ") over all test trials, pooled across splits.");
        page.heading("Class-mean covariance maps");
        double[][] power = classMeanVariance();
        List<String> ch = trials.channels();
        if (Topography.placed(ch) < 3) {
            page.paragraph("No topography: fewer than 3 of the channels " + ch + " have a 10-10 position.");
            return page;
        }
        double[] db = new double[ch.size()];
        for (int c = 0; c < ch.size(); c++) {
            db[c] = 10 * Math.log10(power[1][c] / power[0][c]);
        }
        for (int k = 0; k < 2; k++) {
            double[] logp = new double[ch.size()];
            for (int c = 0; c < ch.size(); c++) {
                logp[c] = 10 * Math.log10(power[k][c]);
            }
            page.figure(
                    "topo-class" + k,
                    PlotImage.ofEqualAspect(Topography.chart(classes.get(k), "dB µV²", ch, logp, false), 300, 340),
                    "Diagonal of the class-mean covariance (band power per channel) of " + classes.get(k)
                            + " trials, 10·log10 µV².");
        }
        page.figure(
                "topo-difference",
                PlotImage.ofEqualAspect(
                        Topography.chart(classes.get(1) + " − " + classes.get(0), "dB", ch, db, true), 300, 340),
                "Band power of " + classes.get(1) + " relative to " + classes.get(0)
                        + " per channel, dB: event-related (de)synchronisation.");
        return page;
    }

    /** Mean over the trials of each class of each channel's variance (the class-mean covariance's diagonal). */
    private double[][] classMeanVariance() {
        int nc = trials.channels().size();
        double[][] sum = new double[2][nc];
        int[] count = new int[2];
        for (int i = 0; i < trials.size(); i++) {
            int k = trials.labels()[i];
            count[k]++;
            double[][] e = trials.epochs()[i];
            for (int c = 0; c < nc; c++) {
                double m = 0;
                for (double v : e[c]) {
                    m += v;
                }
                m /= e[c].length;
                double var = 0;
                for (double v : e[c]) {
                    var += (v - m) * (v - m);
                }
                sum[k][c] += var / (e[c].length - 1);
            }
        }
        for (int k = 0; k < 2; k++) {
            for (int c = 0; c < nc; c++) {
                sum[k][c] /= Math.max(1, count[k]);
            }
        }
        return sum;
    }

    private String meanSd(int column) {
        double m = folds.stream().mapToDouble(f -> f[column]).average().orElse(Double.NaN);
        double v = folds.stream()
                .mapToDouble(f -> (f[column] - m) * (f[column] - m))
                .average()
                .orElse(Double.NaN);
        return fmt(m) + " ± " + fmt(Math.sqrt(v));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
