package org.neuroloop.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.spectral.BandPower;
import org.neuroloop.dsp.spectral.PowerSpectrum;
import org.neuroloop.dsp.spectral.Welch;
import org.neuroloop.ingest.synthetic.PlantedEvent.MotorImageryCue;
import org.neuroloop.ingest.synthetic.PlantedEvent.SlowOscillation;
import org.neuroloop.ingest.synthetic.PlantedEvent.Spindle;

/** The generator is deterministic and chunking-independent, and the planted events are really in the signal. */
class SyntheticEegTest {

    /** All samples of a bounded recording, interleaved. */
    static double[] generateAll(SyntheticEegConfig config) {
        SyntheticEeg eeg = new SyntheticEeg(config);
        double[] all = new double[(int) config.totalSamples() * config.channelCount()];
        int pos = 0;
        while (eeg.hasNext()) {
            Chunk c = eeg.next();
            System.arraycopy(c.samples(), 0, all, pos, c.samples().length);
            pos += c.samples().length;
        }
        assertEquals(all.length, pos);
        return all;
    }

    static double[] channel(double[] all, int channels, int c, int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = all[i * channels + c];
        }
        return out;
    }

    static double bandPower(double[] x, double fs, double lo, double hi) {
        PowerSpectrum psd = new Welch(fs, x.length, 0).estimate(x);
        return BandPower.absolute(psd, lo, hi);
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        SyntheticEegConfig config = SyntheticEegConfig.defaults("s1", 7)
                .withDuration(10)
                .withSchedule(EventSchedule.sleep(10, 12, 12, 3).plus(EventSchedule.motorImagery(1, 2, 6, 4, 3)));
        assertTrue(config.schedule().events().size() >= 3, config.schedule().toString());
        double[] a = generateAll(config);
        double[] b = generateAll(config);
        assertArrayEquals(a, b);
        double[] c = generateAll(config.withSeed(8));
        assertFalse(Arrays.equals(a, c));
    }

    @Property(tries = 15)
    void chunkingDoesNotChangeTheData(@ForAll @IntRange(min = 1, max = 300) int chunkSize) {
        SyntheticEegConfig config = SyntheticEegConfig.defaults("s", 11)
                .withDuration(3)
                .withSchedule(EventSchedule.of(
                        new Spindle(0.4, 0.8, 12, 30),
                        new SlowOscillation(1.1, 1.2, 90),
                        new MotorImageryCue(1.5, 1, ImagerySide.RIGHT, "T2")));
        assertArrayEquals(generateAll(config.withChunkSize(25)), generateAll(config.withChunkSize(chunkSize)));
    }

    @Test
    void skipReproducesThePosition() {
        SyntheticEegConfig config =
                SyntheticEegConfig.defaults("s", 5).withDuration(4).withChunkSize(50);
        SyntheticEeg a = new SyntheticEeg(config);
        for (int i = 0; i < 7; i++) {
            a.next();
        }
        SyntheticEeg b = new SyntheticEeg(config);
        b.skip(350);
        assertEquals(350, b.position());
        assertEquals(a.next(), b.next());
    }

    @Test
    void chunksCarryTimestampsSequenceAndEndOfStream() {
        SyntheticEegConfig config = SyntheticEegConfig.defaults("s9", 1)
                .withDuration(1.0)
                .withRate(100)
                .withChunkSize(30)
                .withStartTime(1000.0);
        SyntheticEeg eeg = new SyntheticEeg(config);
        assertEquals(19, eeg.meta().channelCount());
        assertEquals("Cz", eeg.meta().channelLabels().get(9));
        List<Chunk> chunks = new ArrayList<>();
        eeg.forEachRemaining(chunks::add);
        assertEquals(4, chunks.size());
        assertEquals(10, chunks.get(3).length());
        assertEquals(90, chunks.get(3).firstSeq());
        assertEquals(1000.99, chunks.get(3).lastTimestamp(), 1e-9);
        assertTrue(chunks.get(3).hasFlag(ChunkFlags.END_OF_STREAM));
        assertFalse(chunks.get(2).hasFlag(ChunkFlags.END_OF_STREAM));
        assertFalse(eeg.hasNext());
        assertThrows(NoSuchElementException.class, eeg::next);
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEeg(config.withStartTime(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> config.withRate(0));
        assertThrows(IllegalArgumentException.class, () -> config.withChannels(List.of()));
    }

    @Test
    void truthMarkersDescribeTheSchedule() {
        EventSchedule schedule = EventSchedule.of(
                new Spindle(2, 1, 13, 30),
                new SlowOscillation(5, 1, 80),
                new MotorImageryCue(8, 4, ImagerySide.LEFT, "T1"));
        SyntheticEegConfig config = SyntheticEegConfig.defaults("m", 1)
                .withDuration(20)
                .withStartTime(100)
                .withSchedule(schedule);
        List<Marker> markers = new SyntheticEeg(config).truthMarkers();
        assertEquals(
                List.of(
                        new Marker("m", 102, SyntheticEeg.SPINDLE_ONSET, 1),
                        new Marker("m", 103, SyntheticEeg.SPINDLE_OFFSET, 0),
                        new Marker("m", 105, SyntheticEeg.SO_ONSET, 1),
                        new Marker("m", 105.25, SyntheticEeg.SO_TROUGH, 0),
                        new Marker("m", 105.75, SyntheticEeg.SO_PEAK, 0),
                        new Marker("m", 108, "T1", 4)),
                markers);
    }

    @Test
    void spindleEnvelopeIsATaperedPlateau() {
        assertEquals(0, SyntheticEeg.spindleEnvelope(0), 1e-12);
        assertEquals(0.5, SyntheticEeg.spindleEnvelope(0.125), 1e-12);
        assertEquals(1, SyntheticEeg.spindleEnvelope(0.25), 1e-12);
        assertEquals(1, SyntheticEeg.spindleEnvelope(0.6), 1e-12);
        assertEquals(0.5, SyntheticEeg.spindleEnvelope(0.875), 1e-12);
        assertEquals(SyntheticEeg.spindleEnvelope(0.1), SyntheticEeg.spindleEnvelope(0.9), 1e-12);
    }

    /** Sigma-band (11-16 Hz) power at Cz is far higher around planted spindles than in event-free stretches. */
    @Test
    void spindlesRaiseSigmaPowerAtCz() {
        double fs = 250;
        EventSchedule schedule = EventSchedule.sleep(300, 4, 0, 21);
        List<Spindle> spindles = schedule.ofType(Spindle.class);
        assertTrue(spindles.size() > 10, "schedule has " + spindles.size() + " spindles");
        SyntheticEegConfig config =
                SyntheticEegConfig.defaults("sp", 3).withDuration(300).withSchedule(schedule);
        double[] all = generateAll(config);
        int cz = config.channelLabels().indexOf("Cz");
        int n = (int) (fs);

        List<Double> quiet = new ArrayList<>();
        for (double t = 1; t + 1 < 300; t += 1) {
            final double start = t;
            boolean overlaps = spindles.stream().anyMatch(s -> s.end() > start - 0.5 && s.onset() < start + 1.5);
            if (!overlaps) {
                int i0 = (int) (t * fs);
                quiet.add(bandPower(channel(all, 19, cz, i0, i0 + n), fs, 11, 16));
            }
        }
        double quietMedian = quiet.stream().sorted().toList().get(quiet.size() / 2);
        int strong = 0;
        for (Spindle s : spindles) {
            int i0 = (int) ((s.peak() - 0.5) * fs);
            double during = bandPower(channel(all, 19, cz, i0, i0 + n), fs, 11, 16);
            if (during > 4 * quietMedian) {
                strong++;
            }
        }
        assertTrue(
                strong >= 0.9 * spindles.size(), strong + " of " + spindles.size() + " spindles raise sigma power 4x");
    }

    /** Motor imagery of one hand desynchronises mu (8-13 Hz) over the opposite hemisphere, not the same side. */
    @Test
    void motorImageryGivesContralateralErd() {
        double fs = 250;
        EventSchedule schedule = EventSchedule.motorImagery(30, 4, 8, 4, 5);
        SyntheticEegConfig config =
                SyntheticEegConfig.defaults("mi", 9).withDuration(250).withSchedule(schedule);
        double[] all = generateAll(config);
        int c3 = config.channelLabels().indexOf("C3");
        int c4 = config.channelLabels().indexOf("C4");
        // Relative change of summed band power (ratio of sums: robust to the rhythms' natural waxing and waning).
        double[][] task = new double[2][2]; // [side LEFT/RIGHT][channel C3/C4]
        double[][] base = new double[2][2];
        for (MotorImageryCue cue : schedule.ofType(MotorImageryCue.class)) {
            if (cue.side() == ImagerySide.REST) {
                continue;
            }
            int side = cue.side() == ImagerySide.LEFT ? 0 : 1;
            int base0 = (int) ((cue.onset() - 3) * fs);
            int task0 = (int) ((cue.onset() + 1) * fs);
            int len = (int) (2.5 * fs);
            int k = 0;
            for (int ch : new int[] {c3, c4}) {
                base[side][k] += bandPower(channel(all, 19, ch, base0, base0 + len), fs, 8, 13);
                task[side][k] += bandPower(channel(all, 19, ch, task0, task0 + len), fs, 8, 13);
                k++;
            }
        }
        double leftC3 = task[0][0] / base[0][0] - 1;
        double leftC4 = task[0][1] / base[0][1] - 1;
        double rightC3 = task[1][0] / base[1][0] - 1;
        double rightC4 = task[1][1] / base[1][1] - 1;
        String summary = String.format(
                "ERD left cue: C3 %.2f C4 %.2f; right cue: C3 %.2f C4 %.2f", leftC3, leftC4, rightC3, rightC4);
        assertTrue(leftC4 < -0.45 && rightC3 < -0.45, summary);
        assertTrue(leftC3 > -0.1 && rightC4 > -0.1, summary);
    }

    @Test
    void alphaIsPosterior() {
        double fs = 250;
        SyntheticEegConfig config = SyntheticEegConfig.defaults("a", 2).withDuration(30);
        double[] all = generateAll(config);
        int o1 = config.channelLabels().indexOf("O1");
        int fp1 = config.channelLabels().indexOf("Fp1");
        int n = (int) (30 * fs);
        double posterior = Welch.psd(channel(all, 19, o1, 0, n), fs, 500, 250).bandPower(8, 12);
        double frontal = Welch.psd(channel(all, 19, fp1, 0, n), fs, 500, 250).bandPower(8, 12);
        assertTrue(posterior > 4 * frontal, "alpha O1 " + posterior + " vs Fp1 " + frontal);
    }

    /** Each planted slow oscillation shows as a large negative deflection at Fz at its trough time. */
    @Test
    void slowOscillationsAreLargeNegativeHalfWavesAtFz() {
        double fs = 250;
        EventSchedule schedule = EventSchedule.sleep(200, 0, 6, 4);
        List<SlowOscillation> sos = schedule.ofType(SlowOscillation.class);
        assertTrue(sos.size() > 10);
        SyntheticEegConfig config =
                SyntheticEegConfig.defaults("so", 3).withDuration(200).withSchedule(schedule);
        double[] all = generateAll(config);
        int fz = config.channelLabels().indexOf("Fz");
        int deep = 0;
        for (SlowOscillation so : sos) {
            int trough = (int) Math.round(so.trough() * fs);
            int peak = (int) Math.round(so.peak() * fs);
            double atTrough = mean(channel(all, 19, fz, trough - 5, trough + 6));
            double atPeak = mean(channel(all, 19, fz, peak - 5, peak + 6));
            if (atTrough < -40 && atPeak - atTrough > 75) {
                deep++;
            }
        }
        assertTrue(
                deep >= 0.9 * sos.size(),
                deep + " of " + sos.size() + " slow oscillations meet the -40 uV / 75 uV criteria");
    }

    /** The background alone has a 1/f spectrum: log-log slope near -1 between 1 and 40 Hz. */
    @Test
    void backgroundIsPink() {
        double fs = 250;
        SyntheticEegConfig config = SyntheticEegConfig.defaults("p", 12)
                .withDuration(120)
                .withLevels(new SignalLevels(10, 0, 0, 10, 0, 11, 0, 22, 0, 0));
        double[] all = generateAll(config);
        PowerSpectrum psd = Welch.psd(channel(all, 19, 0, 0, (int) (120 * fs)), fs, 500, 250);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int k = 0; k < psd.frequencies().length; k++) {
            double f = psd.frequencies()[k];
            if (f >= 1 && f <= 40) {
                double x = Math.log(f);
                double y = Math.log(psd.density()[k]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                m++;
            }
        }
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        assertEquals(-1.0, slope, 0.15, "1/f slope");
        double variance = 0;
        double[] x = channel(all, 19, 0, 0, (int) (120 * fs));
        double mean = mean(x);
        for (double v : x) {
            variance += (v - mean) * (v - mean);
        }
        assertEquals(10.0, Math.sqrt(variance / x.length), 3.0, "background RMS");
    }

    @Test
    void unknownLabelsGetBackgroundOnly() {
        assertEquals(1.0, Montage1020.weight("C3..", "C3", 1.0), 1e-12);
        assertEquals(Math.exp(-0.5), Montage1020.weight("FC3", "C3", 1.0), 1e-12);
        assertEquals(0.0, Montage1020.weight("EOG", "C3", 1.0));
        assertArrayEquals(new double[] {-4, 0}, Montage1020.position("T3"));
        assertArrayEquals(new double[] {0, -3}, Montage1020.position("POz"));
        assertNotEquals(null, Montage1020.position("Fp1"));
        assertEquals(List.of("C3", "C4", "Cz", "Fz"), Montage1020.labels(4));
        assertEquals(Montage1020.STANDARD_19, Montage1020.labels(19));
        assertEquals(32, new HashSet<>(Montage1020.labels(32)).size());
        assertThrows(IllegalArgumentException.class, () -> Montage1020.labels(0));
        for (String label : Montage1020.EEGMMIDB_64) {
            assertNotEquals(null, Montage1020.position(label), label);
        }
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
