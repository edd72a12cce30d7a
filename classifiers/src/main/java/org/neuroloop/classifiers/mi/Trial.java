package org.neuroloop.classifiers.mi;

/**
 * One cued trial found in a recording.
 *
 * @param file recording file name (no directory)
 * @param onsetSeconds cue onset from the recording start, s
 * @param durationSeconds annotated duration, s
 * @param annotation annotation label, e.g. {@code T1}
 * @param onsetSample {@code round(onset_s · fs)}
 * @param label class index
 */
public record Trial(
        String file, double onsetSeconds, double durationSeconds, String annotation, long onsetSample, int label) {}
