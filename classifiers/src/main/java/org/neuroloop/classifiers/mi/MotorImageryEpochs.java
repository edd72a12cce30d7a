package org.neuroloop.classifiers.mi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.ingest.recording.Annotation;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts cued trials out of recordings the way the online decoder sees them: each recording's main stream is
 * band-passed causally from zero state ({@link Band#design}, {@code sosfilt}), then one epoch per annotation whose
 * label is in the {@link ClassLabels} is taken at {@link EpochWindow}'s sample positions. Trials come in
 * recording order, then annotation order.
 */
public final class MotorImageryEpochs {

    private static final Logger LOG = LoggerFactory.getLogger(MotorImageryEpochs.class);

    private MotorImageryEpochs() {}

    /**
     * @param recordings recordings in order, with a name each (usually the file name)
     * @throws IllegalArgumentException for a label that occurs in no recording, a window longer than a trial or
     *     past the end of the data, recordings with different channels or rates, or fewer than 2 trials per class
     */
    public static TrialSet extract(
            List<Recording> recordings, List<String> names, ClassLabels classes, EpochWindow window, Band band) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recordings given");
        }
        List<double[][]> epochs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Integer> sessions = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        List<String> channels = null;
        double fs = 0;
        Set<String> seenLabels = new LinkedHashSet<>();
        for (int r = 0; r < recordings.size(); r++) {
            Recording rec = recordings.get(r);
            String name = names.get(r);
            RecordedStream s = rec.mainStream()
                    .orElseThrow(() -> new IllegalArgumentException(name + ": no numeric signal stream"));
            if (channels == null) {
                channels = s.channelLabels();
                fs = s.nominalRate();
                if (!(fs > 0)) {
                    throw new IllegalArgumentException(name + ": stream " + s.name() + " has no nominal rate");
                }
            } else {
                if (!s.channelLabels().equals(channels)) {
                    throw new IllegalArgumentException(name + ": channels " + s.channelLabels()
                            + " differ from the first recording's " + channels);
                }
                if (s.nominalRate() != fs) {
                    throw new IllegalArgumentException(name + ": rate " + s.nominalRate()
                            + " Hz differs from the first recording's " + fs + " Hz");
                }
            }
            double[][] filtered = filterByChannel(s, band, fs);
            int n = s.sampleCount();
            double t0 = n > 0 ? s.timestamps()[0] : 0;
            int off = window.startOffset(fs);
            int len = window.length(fs);
            for (Annotation a : rec.annotations()) {
                seenLabels.add(a.label().trim());
                int k = classes.classOf(a.label());
                if (k < 0) {
                    continue;
                }
                if (a.duration() > 0 && window.tmax() > a.duration() + 1e-9) {
                    throw new IllegalArgumentException(
                            name + ": window " + window.spec() + " s is longer than the trial '" + a.label() + "' at "
                                    + a.onset() + " s lasting " + a.duration() + " s");
                }
                long onsetSample = EpochWindow.onsetSample(a.onset() - t0, fs);
                long start = onsetSample + off;
                if (start < 0 || start + len > n) {
                    throw new IllegalArgumentException(
                            name + ": epoch of trial '" + a.label() + "' at " + a.onset() + " s, samples [" + start
                                    + ", " + (start + len) + "), falls outside the recording's " + n + " samples");
                }
                double[][] e = new double[filtered.length][len];
                for (int c = 0; c < filtered.length; c++) {
                    System.arraycopy(filtered[c], (int) start, e[c], 0, len);
                }
                epochs.add(e);
                labels.add(k);
                sessions.add(r);
                trials.add(
                        new Trial(name, a.onset() - t0, a.duration(), a.label().trim(), onsetSample, k));
            }
        }
        for (String want : classes.annotationToClass().keySet()) {
            if (!seenLabels.contains(want)) {
                throw new IllegalArgumentException("--labels: annotation '" + want + "' occurs in none of " + names
                        + "; annotations present: " + seenLabels);
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        TrialSet set = new TrialSet(
                epochs.toArray(double[][][]::new),
                y,
                trials,
                sessions.stream().mapToInt(Integer::intValue).toArray(),
                names,
                channels,
                fs,
                classes);
        int[] counts = set.classCounts();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < 2) {
                throw new IllegalArgumentException(
                        "too few trials of class '" + classes.classNames().get(k) + "': " + counts[k] + " in " + names
                                + " (need at least 2 per class)");
            }
        }
        LOG.info(
                "{} trials ({} per class {}) of {} channels at {} Hz from {}",
                set.size(),
                Arrays.toString(counts),
                classes.classNames(),
                channels.size(),
                fs,
                names);
        return set;
    }

    /** Causal band-pass of the whole stream from zero state; returns {@code [channel][sample]}. */
    static double[][] filterByChannel(RecordedStream s, Band band, double fs) {
        int ch = s.channelCount();
        SosFilter filter = SosFilter.zeroState(band.design(fs), ch);
        double[] interleaved = filter.process(s.samples());
        int n = s.sampleCount();
        double[][] out = new double[ch][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                out[c][i] = interleaved[i * ch + c];
            }
        }
        return out;
    }
}
