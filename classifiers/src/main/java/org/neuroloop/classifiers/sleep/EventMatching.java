package org.neuroloop.classifiers.sleep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Event-level agreement between detections and a reference: greedy one-to-one matching on intersection over union.
 *
 * <p>All pairs with {@code IoU >= minIou} are sorted by IoU, highest first (ties by detection index, then reference
 * index, so the result is deterministic), and taken in that order when neither side is matched yet. A matched pair
 * is a true positive; unmatched detections are false positives and unmatched reference events false negatives.
 * This is the by-event scoring of Warby et al. 2014 (Nat. Methods 11:385) and Lacourse et al. 2019 (J. Neurosci.
 * Methods 316:3) with their overlap threshold of 0.2.
 */
public final class EventMatching {

    private EventMatching() {}

    /** One matched pair: indices into the detection and reference lists, and their IoU. */
    public record Match(int detection, int reference, double iou) {}

    /**
     * @param minIou overlap threshold in (0, 1]
     * @return matched pairs in the order they were taken (descending IoU)
     */
    public static List<Match> greedy(List<Interval> detections, List<Interval> reference, double minIou) {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("--iou must be in (0, 1], got " + minIou);
        }
        List<Match> candidates = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            for (int r = 0; r < reference.size(); r++) {
                double iou = detections.get(d).iou(reference.get(r));
                if (iou >= minIou) {
                    candidates.add(new Match(d, r, iou));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Match::iou)
                .reversed()
                .thenComparingInt(Match::detection)
                .thenComparingInt(Match::reference));
        boolean[] usedD = new boolean[detections.size()];
        boolean[] usedR = new boolean[reference.size()];
        List<Match> out = new ArrayList<>();
        for (Match m : candidates) {
            if (!usedD[m.detection()] && !usedR[m.reference()]) {
                usedD[m.detection()] = true;
                usedR[m.reference()] = true;
                out.add(m);
            }
        }
        return out;
    }
}
