package org.neuroloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The heap after GC as this JVM's own collections report it: 64 MiB held through a collection shows in the reading,
 * and is gone from the reading of a collection after it was let go. The test forces its collections
 * ({@code System.gc()}) only to have some at known moments; the soak never does.
 */
class HeapAfterGcTest {

    private static final int MIB = 1 << 20;

    /**
     * Collects until a reading meets {@code wanted}: notifications reach the listener on a JMX service thread, so
     * that of a collection made before the last change may still arrive after it.
     */
    private static HeapAfterGc.Reading collectUntil(HeapAfterGc watch, Predicate<HeapAfterGc.Reading> wanted)
            throws InterruptedException {
        List<HeapAfterGc.Reading> seen = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            System.gc();
            Thread.sleep(50);
            HeapAfterGc.Reading r = watch.take();
            if (r.collections() > 0) {
                seen.add(r);
                if (wanted.test(r)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no such reading within 100 collections: " + seen);
    }

    @Test
    void readsWhatCollectionsLeave() throws Exception {
        try (HeapAfterGc watch = new HeapAfterGc()) {
            assertFalse(watch.collectors().isEmpty());
            byte[][] held = new byte[64][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[MIB];
            }
            Thread.sleep(200);
            watch.take(); // collections made while allocating
            HeapAfterGc.Reading holding = collectUntil(watch, r -> true);
            assertTrue(holding.heapMb() >= 64, holding.toString());
            assertTrue(holding.maxPauseMs() >= 0, holding.toString());
            long bytes = 0;
            for (byte[] b : held) {
                bytes += b.length;
            }
            assertEquals(64L * MIB, bytes, "still held through the first collection");
            held = null;
            double heldMb = holding.heapMb();
            HeapAfterGc.Reading released = collectUntil(watch, r -> heldMb - r.heapMb() > 48);

            HeapAfterGc.Reading quiet = watch.take();
            // no collection since the previous reading: the pools' usage after their last collection
            if (quiet.collections() == 0) {
                assertTrue(quiet.heapMb() > 0 && quiet.heapMb() < heldMb, quiet + " after " + released);
                assertEquals(0, quiet.maxPauseMs());
            }
        }
    }
}
