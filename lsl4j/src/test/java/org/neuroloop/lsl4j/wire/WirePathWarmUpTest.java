package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.liblsl.StreamInfo;
import org.neuroloop.lsl4j.liblsl.StreamResolver;

/** The warm-up pair carries every sample and stays invisible to liblsl resolvers. */
class WirePathWarmUpTest {

    @Test
    void everySampleMakesTheRoundTrip() {
        assertEquals(500, WirePathWarmUp.run(ChannelFormat.STRING, 500));
        assertEquals(500, WirePathWarmUp.run(ChannelFormat.FLOAT32, 500));
    }

    @Test
    void resolversDoNotSeeThePrivateOutlet() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger pairs = new AtomicInteger();
        CompletableFuture<Void> warm = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                WirePathWarmUp.run(ChannelFormat.STRING, 2_000);
                pairs.incrementAndGet();
            }
        });
        try {
            // a full machine-scope resolve (multicast wave and unicast sweep of the LSL port range) while pairs run
            List<StreamInfo> all = StreamResolver.resolveAll(1.5);
            boolean seen = all.stream().anyMatch(i -> i.name().startsWith("neuroloop-warm-up"));
            StreamResolver.closeAll(all);
            assertFalse(warm.isDone(), "the warm-up pairs ran during the whole resolve");
            assertFalse(seen, "a resolver saw a private warm-up outlet");
        } finally {
            stop.set(true);
            warm.join();
        }
        assertTrue(pairs.get() >= 1, "at least one warm-up pair completed");
    }
}
