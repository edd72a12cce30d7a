package org.neuroloop.classifiers.deep.simpleconv;

import org.neuroloop.classifiers.mi.TrialSet;

/**
 * One subject's labelled, band-passed trials, with that subject's {@link EuclideanAlignment} computed from all of
 * them (labels unused).
 */
public record SubjectTrials(String subject, TrialSet trials, EuclideanAlignment alignment) {

    public static SubjectTrials of(String subject, TrialSet trials) {
        return new SubjectTrials(subject, trials, EuclideanAlignment.fit(trials.epochs()));
    }

    /** The trials after this subject's alignment (new arrays). */
    public double[][][] aligned() {
        return alignment.applyAll(trials.epochs());
    }
}
