package org.neuroloop.ingest.synthetic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.neuroloop.ingest.synthetic.PlantedEvent.MotorImageryCue;
import org.neuroloop.ingest.synthetic.PlantedEvent.SlowOscillation;
import org.neuroloop.ingest.synthetic.PlantedEvent.Spindle;

/**
 * The events planted in a synthetic recording, sorted by onset.
 *
 * @param events planted events (copied and sorted by onset)
 */
public record EventSchedule(List<PlantedEvent> events) implements Serializable {

    /** EEGMMIDB's annotation labels: T0 rest, T1 left fist, T2 right fist. */
    public static final String REST_LABEL = "T0";

    public static final String LEFT_LABEL = "T1";
    public static final String RIGHT_LABEL = "T2";

    public EventSchedule {
        List<PlantedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingDouble(PlantedEvent::onset));
        events = Collections.unmodifiableList(sorted);
    }

    public static EventSchedule empty() {
        return new EventSchedule(List.of());
    }

    public static EventSchedule of(PlantedEvent... events) {
        return new EventSchedule(List.of(events));
    }

    /** Both schedules' events together. */
    public EventSchedule plus(EventSchedule other) {
        List<PlantedEvent> all = new ArrayList<>(events);
        all.addAll(other.events);
        return new EventSchedule(all);
    }

    /**
     * A motor-imagery run like EEGMMIDB's imagery runs: {@code trials} cues every {@code periodS} seconds from
     * {@code firstCueS}, each lasting {@code cueDurationS}, balanced left/right in a seeded random order ("T1"/"T2"),
     * each followed by a rest cue "T0" until the next.
     */
    public static EventSchedule motorImagery(
            int trials, double firstCueS, double periodS, double cueDurationS, long seed) {
        if (trials < 0) {
            throw new IllegalArgumentException("trials must be >= 0, got " + trials);
        }
        if (!(cueDurationS > 0 && cueDurationS < periodS)) {
            throw new IllegalArgumentException(
                    "cue duration " + cueDurationS + " s must be > 0 and < trial period " + periodS + " s");
        }
        List<ImagerySide> sides = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            sides.add(i % 2 == 0 ? ImagerySide.LEFT : ImagerySide.RIGHT);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = sides.size() - 1; i > 0; i--) { // Fisher-Yates with our own seeded generator
            int j = rnd.nextInt(i + 1);
            Collections.swap(sides, i, j);
        }
        List<PlantedEvent> events = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            double onset = firstCueS + i * periodS;
            ImagerySide side = sides.get(i);
            events.add(new MotorImageryCue(
                    onset, cueDurationS, side, side == ImagerySide.LEFT ? LEFT_LABEL : RIGHT_LABEL));
            events.add(new MotorImageryCue(onset + cueDurationS, periodS - cueDurationS, ImagerySide.REST, REST_LABEL));
        }
        return new EventSchedule(events);
    }

    /**
     * Sleep-like events over {@code durationS} seconds: spindles (12–15 Hz, 0.5–2 s, 25–45 µV) and slow
     * oscillations (0.5–1.5 Hz, 70–110 µV trough) at seeded random, non-overlapping times with at least 1 s
     * between events, at the given average rates.
     */
    public static EventSchedule sleep(
            double durationS, double spindlesPerMinute, double slowOscillationsPerMinute, long seed) {
        if (!(durationS > 0) || spindlesPerMinute < 0 || slowOscillationsPerMinute < 0) {
            throw new IllegalArgumentException("sleep schedule needs duration > 0 and rates >= 0, got " + durationS
                    + " s, " + spindlesPerMinute + " and " + slowOscillationsPerMinute + " per minute");
        }
        double rate = (spindlesPerMinute + slowOscillationsPerMinute) / 60.0;
        List<PlantedEvent> events = new ArrayList<>();
        if (rate == 0) {
            return new EventSchedule(events);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double pSpindle = spindlesPerMinute / 60.0 / rate;
        double minGap = 1.0;
        // Mean gap chosen so that the average rate holds despite the event durations and minimum gaps.
        double meanFree = Math.max(0.1, 1 / rate - minGap - 1.0);
        double t = 2.0;
        while (true) {
            t += minGap + -Math.log(1 - rnd.nextDouble()) * meanFree;
            PlantedEvent e;
            if (rnd.nextDouble() < pSpindle) {
                // adult spindles peak at 12-15 Hz; 11 and 16 Hz are where the sigma band's definition ends, not where
                // spindles sit, and a detector's band-pass rightly attenuates its own edges
                e = new Spindle(t, uniform(rnd, 0.5, 2.0), uniform(rnd, 12, 15), uniform(rnd, 25, 45));
            } else {
                e = new SlowOscillation(t, uniform(rnd, 0.5, 1.5), uniform(rnd, 70, 110));
            }
            if (e.end() > durationS - 1) {
                break;
            }
            events.add(e);
            t = e.end();
        }
        return new EventSchedule(events);
    }

    private static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    /** Events of one kind, in onset order. */
    public <T extends PlantedEvent> List<T> ofType(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (PlantedEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }
}
