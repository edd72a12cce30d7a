package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A continuous resolver keeps a live outlet listed across many waves (its repeated, identical replies refresh the
 * stream without being parsed again) and forgets it once it stops answering; a restarted outlet (new uid, same
 * name) is listed anew.
 */
class ContinuousResolverTest {
    private static final String NAME = "cr" + Long.toString(System.nanoTime() % 1_000_000, 36);

    @Test
    @Timeout(60)
    void keepsALiveOutletListedForgetsItWhenGoneAndFindsItsRestart() throws InterruptedException {
        StreamInfo info = StreamInfo.create(NAME, "EEG", 1, 100, ChannelFormat.FLOAT32, NAME);
        try (ContinuousResolver r = ContinuousResolver.byProperty("name", NAME, 1.0)) {
            String firstUid;
            try (StreamOutlet out = new StreamOutlet(info)) {
                firstUid = out.info().uid();
                assertEquals(List.of(firstUid), awaitUids(r, 1, 10));
                // four times the forget horizon: only refreshed replies keep it listed
                for (int i = 0; i < 8; i++) {
                    Thread.sleep(500);
                    assertEquals(List.of(firstUid), uids(r), "still listed after " + (i + 1) * 0.5 + " s");
                }
            }
            assertEquals(List.of(), awaitUids(r, 0, 10), "forgotten once the outlet stopped answering");
            try (StreamOutlet again = new StreamOutlet(info)) {
                List<String> now = awaitUids(r, 1, 10);
                assertEquals(List.of(again.info().uid()), now);
                assertTrue(!now.contains(firstUid));
            }
        }
    }

    private static List<String> awaitUids(ContinuousResolver r, int count, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<String> now = uids(r);
        while (now.size() != count && System.nanoTime() < end) {
            Thread.sleep(50);
            now = uids(r);
        }
        return now;
    }

    private static List<String> uids(ContinuousResolver r) {
        List<StreamInfo> infos = r.results();
        return infos.stream().map(StreamInfo::uid).toList();
    }
}
