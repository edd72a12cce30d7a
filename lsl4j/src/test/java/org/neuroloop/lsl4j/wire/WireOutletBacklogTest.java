package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link FeedBacklog}, the bounded drop-oldest FIFO of encoded samples behind each {@link WireOutlet} consumer. */
class WireOutletBacklogTest {

    private static byte[] sample(int id, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (id * 31 + i);
        }
        return b;
    }

    /**
     * Law: whatever the interleaving of adds and takes, the backlog behaves like a FIFO that keeps the newest
     * {@code bound} samples: the bytes taken are those of the model, in order, and drops = adds beyond the bound.
     *
     * @param ops positive = add a sample of that many bytes, negative = take into a buffer of -op*8 bytes
     */
    @Property(tries = 300)
    void behavesLikeABoundedDropOldestQueue(
            @ForAll @IntRange(min = 1, max = 40) int bound,
            @ForAll @Size(max = 400) List<@IntRange(min = -60, max = 300) Integer> ops) {
        FeedBacklog backlog = new FeedBacklog(bound);
        Deque<byte[]> model = new ArrayDeque<>();
        long drops = 0;
        int id = 0;
        for (int op : ops) {
            if (op > 0) {
                byte[] s = sample(id++, op);
                backlog.add(s, 0, s.length);
                model.addLast(s);
                if (model.size() > bound) {
                    model.removeFirst();
                    drops++;
                }
            } else {
                int cap = Math.max(-op * 8, backlog.headSampleBytes());
                ByteBuffer out = ByteBuffer.allocate(cap);
                backlog.takeInto(out);
                int expectedBytes = 0;
                List<byte[]> taken = new ArrayList<>();
                while (!model.isEmpty() && expectedBytes + model.peekFirst().length <= cap) {
                    expectedBytes += model.peekFirst().length;
                    taken.add(model.removeFirst());
                }
                ByteBuffer expected = ByteBuffer.allocate(expectedBytes);
                taken.forEach(expected::put);
                assertEquals(expectedBytes, out.remaining());
                byte[] got = new byte[out.remaining()];
                out.get(got);
                assertArrayEquals(expected.array(), got);
            }
            assertEquals(model.size(), backlog.samples());
            assertEquals(drops, backlog.dropped());
            assertEquals(model.isEmpty() ? 0 : model.peekFirst().length, backlog.headSampleBytes());
        }
    }

    @Test
    void dropsTheOldestBeyondTheBound() {
        FeedBacklog b = new FeedBacklog(3);
        for (int i = 0; i < 5; i++) {
            b.add(new byte[] {(byte) i, (byte) i}, 0, 2);
        }
        assertEquals(3, b.samples());
        assertEquals(2, b.dropped());
        ByteBuffer out = ByteBuffer.allocate(64);
        b.takeInto(out);
        assertEquals(ByteBuffer.wrap(new byte[] {2, 2, 3, 3, 4, 4}), out);
        assertTrue(b.isEmpty());
    }

    @Test
    void takesWholeSamplesOnly() {
        FeedBacklog b = new FeedBacklog(10);
        b.add(new byte[5], 0, 5);
        b.add(new byte[5], 0, 5);
        ByteBuffer out = ByteBuffer.allocate(8);
        b.takeInto(out);
        assertEquals(5, out.remaining(), "the second sample does not fit and stays");
        assertEquals(1, b.samples());
    }

    @Test
    void growsBeyondItsInitialRingForLargeSamples() {
        FeedBacklog b = new FeedBacklog(4);
        byte[] big = sample(7, 10_000);
        b.add(big, 0, big.length);
        b.add(big, 0, big.length);
        ByteBuffer out = ByteBuffer.allocate(10_000);
        b.takeInto(out);
        byte[] got = new byte[10_000];
        out.get(got);
        assertArrayEquals(big, got);
        assertEquals(1, b.samples());
    }

    @Test
    void rejectsAZeroBound() {
        assertThrows(IllegalArgumentException.class, () -> new FeedBacklog(0));
    }
}
