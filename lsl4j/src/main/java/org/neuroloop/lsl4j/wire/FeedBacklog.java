package org.neuroloop.lsl4j.wire;

import java.nio.ByteBuffer;

/**
 * The encoded samples one consumer has not been sent yet: a FIFO of whole samples, bounded to
 * {@code maxSamples}; adding beyond the bound drops the OLDEST sample and counts it (liblsl's consumer queue does
 * the same). Bytes live in a ring that grows by doubling as needed, so a consumer that keeps up costs nothing and a
 * stalled one at most {@code maxSamples} samples. Not thread-safe: its {@link FeedSession} guards it.
 */
final class FeedBacklog {
    private final int maxSamples;
    private byte[] ring = new byte[4096];
    private int head;
    private int bytes;
    private int[] lengths = new int[64];
    private int first;
    private int count;
    private long dropped;

    /** @param maxSamples most samples kept, &gt;= 1 */
    FeedBacklog(int maxSamples) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("backlog bound must be >= 1 sample, got " + maxSamples);
        }
        this.maxSamples = maxSamples;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Samples waiting. */
    int samples() {
        return count;
    }

    /** Samples dropped so far because the bound was reached. */
    long dropped() {
        return dropped;
    }

    /** Appends one encoded sample {@code src[off..off+len)}, dropping the oldest when full. */
    void add(byte[] src, int off, int len) {
        if (count == maxSamples) {
            dropOldest();
        }
        ensure(len);
        int tail = (head + bytes) % ring.length;
        int firstPart = Math.min(len, ring.length - tail);
        System.arraycopy(src, off, ring, tail, firstPart);
        System.arraycopy(src, off + firstPart, ring, 0, len - firstPart);
        bytes += len;
        lengths[(first + count) % lengths.length] = len;
        count++;
    }

    /**
     * Moves the oldest whole samples into {@code out} (cleared first, then flipped for reading): as many as fit in
     * its capacity, at least one (the caller makes {@code out} large enough for {@link #headSampleBytes()}).
     */
    void takeInto(ByteBuffer out) {
        out.clear();
        while (count > 0 && lengths[first] <= out.remaining()) {
            int len = lengths[first];
            int firstPart = Math.min(len, ring.length - head);
            out.put(ring, head, firstPart);
            out.put(ring, 0, len - firstPart);
            head = (head + len) % ring.length;
            bytes -= len;
            first = (first + 1) % lengths.length;
            count--;
        }
        out.flip();
    }

    /** Size of the oldest sample, 0 when empty. */
    int headSampleBytes() {
        return count == 0 ? 0 : lengths[first];
    }

    private void dropOldest() {
        int len = lengths[first];
        head = (head + len) % ring.length;
        bytes -= len;
        first = (first + 1) % lengths.length;
        count--;
        dropped++;
    }

    private void ensure(int len) {
        if (bytes + len > ring.length) {
            int cap = ring.length;
            while (cap < bytes + len) {
                cap *= 2;
            }
            byte[] grown = new byte[cap];
            int firstPart = Math.min(bytes, ring.length - head);
            System.arraycopy(ring, head, grown, 0, firstPart);
            System.arraycopy(ring, 0, grown, firstPart, bytes - firstPart);
            ring = grown;
            head = 0;
        }
        if (count == lengths.length) {
            int[] grown = new int[Math.min(maxSamples, lengths.length * 2)];
            for (int i = 0; i < count; i++) {
                grown[i] = lengths[(first + i) % lengths.length];
            }
            lengths = grown;
            first = 0;
        }
    }
}
