package org.neuroloop.classifiers.sleep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Laws of IoU and of greedy one-to-one matching. */
class EventMatchingPropertiesTest {

    @Provide
    Arbitrary<Interval> intervals() {
        return Combinators.combine(
                        Arbitraries.doubles().between(0, 100),
                        Arbitraries.doubles().between(0.01, 3))
                .as(Interval::ofDuration);
    }

    @Provide
    Arbitrary<List<Interval>> lists() {
        return intervals().list().ofMaxSize(12);
    }

    @Property
    void iouIsSymmetricAndBounded(@ForAll("intervals") Interval a, @ForAll("intervals") Interval b) {
        double ab = a.iou(b);
        assertEquals(ab, b.iou(a), 1e-12);
        assertTrue(ab >= 0 && ab <= 1, "iou " + ab);
        assertEquals(1.0, a.iou(a), 1e-12);
    }

    @Property
    void iouIsShiftInvariant(
            @ForAll("intervals") Interval a,
            @ForAll("intervals") Interval b,
            @ForAll @DoubleRange(min = -50, max = 50) double s) {
        Interval as = new Interval(a.start() + s, a.end() + s);
        Interval bs = new Interval(b.start() + s, b.end() + s);
        assertEquals(a.iou(b), as.iou(bs), 1e-9);
    }

    @Property
    void matchingIsOneToOneAboveThreshold(
            @ForAll("lists") List<Interval> d,
            @ForAll("lists") List<Interval> r,
            @ForAll @DoubleRange(min = 0.05, max = 1) double thr) {
        List<EventMatching.Match> m = EventMatching.greedy(d, r, thr);
        Set<Integer> ds = new HashSet<>(), rs = new HashSet<>();
        for (EventMatching.Match x : m) {
            assertTrue(ds.add(x.detection()), "detection matched twice");
            assertTrue(rs.add(x.reference()), "reference matched twice");
            assertTrue(x.iou() >= thr);
            assertEquals(d.get(x.detection()).iou(r.get(x.reference())), x.iou(), 0);
        }
        assertTrue(m.size() <= Math.min(d.size(), r.size()));
    }

    @Property
    void swappingRolesSwapsFalsePositivesAndNegatives(
            @ForAll("lists") List<Interval> d, @ForAll("lists") List<Interval> r) {
        DetectionScore a = DetectionScore.score(d, null, r, 0.2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        DetectionScore b = DetectionScore.score(r, null, d, 0.2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertEquals(a.tp(), b.tp());
        assertEquals(a.fp(), b.fn());
        assertEquals(a.fn(), b.fp());
        assertEquals(a.f1(), b.f1(), 1e-12);
    }

    @Property
    void aReferenceAgainstItselfScoresOne(@ForAll("lists") List<Interval> r) {
        DetectionScore s = DetectionScore.score(r, null, r, 1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        // duplicates in r can pair either way, but every event finds an equal partner
        assertEquals(r.size(), s.tp());
        assertEquals(r.isEmpty() ? 0 : 1.0, s.f1(), 1e-12);
    }

    @Property
    void raisingTheThresholdNeverAddsMatches(@ForAll("lists") List<Interval> d, @ForAll("lists") List<Interval> r) {
        // greedy by descending IoU: pairs above 0.5 are taken first in both runs, so the count cannot grow
        int low = EventMatching.greedy(d, r, 0.2).stream()
                .filter(m -> m.iou() >= 0.5)
                .toList()
                .size();
        int high = EventMatching.greedy(d, r, 0.5).size();
        assertTrue(high >= low && high <= Math.min(d.size(), r.size()));
    }

    @Test
    void greedyTakesTheBestPairFirst() {
        List<Interval> d = List.of(new Interval(0, 1));
        List<Interval> r = List.of(new Interval(0.5, 1.5), new Interval(0.1, 1.0));
        List<EventMatching.Match> m = EventMatching.greedy(d, r, 0.2);
        assertEquals(1, m.size());
        assertEquals(1, m.get(0).reference());
    }

    @Test
    void windowKeepsEventsByOnsetAndDelaysAreFireMinusOnset() {
        List<Interval> ref = List.of(new Interval(10, 11), new Interval(1200, 1201));
        List<Interval> det = new ArrayList<>(List.of(new Interval(10.2, 11.1), new Interval(1500, 1501)));
        DetectionScore s = DetectionScore.score(det, new double[] {10.4, 1500.3}, ref, 0.2, 0, 1000);
        assertEquals(1, s.tp());
        assertEquals(0, s.fp());
        assertEquals(0, s.fn());
        assertEquals(0.4, s.medianDelay(), 1e-12);
    }
}
