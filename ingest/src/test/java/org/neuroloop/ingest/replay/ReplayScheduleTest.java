package org.neuroloop.ingest.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.ingest.recording.Annotation;
import org.neuroloop.ingest.recording.ChannelFormat;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;

class ReplayScheduleTest {

    static Recording gapped(int n, int[] gaps) {
        double[] ts = new double[n];
        double[] v = new double[n * 2];
        for (int i = 0; i < n; i++) {
            int before = 0;
            for (int g : gaps) {
                before += i >= g ? 1 : 0;
            }
            ts[i] = 100 + i / 100.0 + 3.0 * before;
            v[2 * i] = i;
            v[2 * i + 1] = -i;
        }
        RecordedStream s = new RecordedStream(
                "eeg",
                "EEG",
                "",
                List.of("a", "b"),
                List.of("uV", "uV"),
                100,
                ChannelFormat.FLOAT32,
                ts,
                v,
                null,
                gaps,
                Map.of());
        RecordedStream m =
                RecordedStream.markers("cues", "Markers", new double[] {100.005, 101.0}, new String[] {"x", "y"});
        return new Recording(null, "memory", List.of(s, m), List.of(new Annotation(100.5, 2, "sleep")), Map.of());
    }

    @Property(tries = 40)
    void everySampleOnceInOrderWhateverTheChunkSize(
            @ForAll @IntRange(min = 1, max = 50) int chunk,
            @ForAll @IntRange(min = 1, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 399) int gap) {
        int[] gaps = gap < n ? new int[] {gap} : new int[0];
        Recording r = gapped(n, gaps);
        ReplaySchedule s = ReplaySchedule.of(r, "s", chunk / 100.0);
        List<Double> times = new ArrayList<>();
        long seq = 0;
        double lastDue = Double.NEGATIVE_INFINITY;
        int markers = 0;
        Chunk last = null;
        while (s.hasNext()) {
            ReplayEvent e = s.next();
            assertTrue(e.due() >= lastDue, "events in time order");
            lastDue = e.due();
            if (e instanceof ReplayEvent.ChunkEvent ce) {
                Chunk c = ce.chunk();
                assertEquals(seq, c.firstSeq());
                assertTrue(c.length() <= chunk);
                assertEquals(
                        gaps.length > 0 && seq == gaps[0], c.hasFlag(ChunkFlags.GAP), "GAP on the chunk after the gap");
                for (int i = 0; i < c.length(); i++) {
                    assertEquals(seq + i, c.sample(i, 0));
                    times.add(c.timestamps()[i]);
                }
                seq += c.length();
                last = c;
            } else {
                markers++;
            }
        }
        assertEquals(n, seq);
        assertEquals(n, times.size());
        assertArrayEquals(
                r.streams().get(0).timestamps(),
                times.stream().mapToDouble(Double::doubleValue).toArray());
        assertTrue(last.hasFlag(ChunkFlags.END_OF_STREAM));
        assertEquals(3, markers);
    }

    @Test
    void resumesFromPositions() throws Exception {
        Recording r = EdfReader.read(Path.of("../shared/data/mi/eegmmidb/S001R04.edf"));
        ReplaySchedule a = ReplaySchedule.of(r, "s", 0.1);
        List<ReplayEvent> all = new ArrayList<>();
        long[] mid = null;
        while (a.hasNext()) {
            if (all.size() == 77) {
                mid = a.positions();
            }
            all.add(a.next());
        }
        ReplaySchedule b = ReplaySchedule.of(r, "s", 0.1);
        b.seek(mid);
        for (int i = 77; i < all.size(); i++) {
            ReplayEvent e = b.next();
            assertEquals(all.get(i).due(), e.due());
            if (e instanceof ReplayEvent.ChunkEvent ce) {
                assertEquals(((ReplayEvent.ChunkEvent) all.get(i)).chunk(), ce.chunk());
            } else {
                assertEquals(((ReplayEvent.MarkerEvent) all.get(i)).marker(), ((ReplayEvent.MarkerEvent) e).marker());
            }
        }
        assertFalse(b.hasNext());
        assertEquals(20000 / 16 + 30, all.size(), "1250 chunks of 16 samples and 30 annotations");
    }

    @Test
    void pacerReleasesAtRecordingTimeOverFactor() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ReplayPacer p = new ReplayPacer(new ReplaySpeed(2), now::get);
        assertEquals(0, p.nanosUntil(100.0), "first event anchors the replay");
        assertEquals(500_000_000L, p.nanosUntil(101.0), "1 s of recording at 2x is 0.5 s");
        now.addAndGet(600_000_000L);
        assertEquals(-100_000_000L, p.nanosUntil(101.0));
        ReplayPacer max = new ReplayPacer(ReplaySpeed.MAX, now::get);
        max.nanosUntil(0);
        assertEquals(0, max.nanosUntil(1e6));
        assertEquals(ReplaySpeed.REALTIME, ReplaySpeed.parse("realtime"));
        assertEquals(ReplaySpeed.MAX, ReplaySpeed.parse("max"));
        assertEquals(3.5, ReplaySpeed.parse("3.5").factor());
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("fastest"));
    }
}
