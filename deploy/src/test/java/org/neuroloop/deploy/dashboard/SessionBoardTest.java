package org.neuroloop.deploy.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.junit.jupiter.api.Test;

/** The dashboard's latency percentiles are those of the job's histogram for the same values. */
class SessionBoardTest {

    @Test
    void percentilesEqualFlinksHistogram() {
        Random random = new Random(3);
        for (int n : new int[] {1, 2, 7, 100, 1024, 3000}) {
            DescriptiveStatisticsHistogram flink = new DescriptiveStatisticsHistogram(SessionBoard.WINDOW);
            SessionBoard board = new SessionBoard("s", true, 10);
            for (int i = 0; i < n; i++) {
                long v = 100 + (long) (random.nextDouble() * random.nextDouble() * 5000);
                flink.update(v);
                board.stimulation(i + 1, v, true);
            }
            HistogramStatistics stats = flink.getStatistics();
            long[] window = board.latencyWindow();
            Arrays.sort(window);
            for (double q : new double[] {0.5, 0.99}) {
                assertEquals(
                        stats.getQuantile(q), SessionBoard.percentile(window, q * 100), 1e-9, n + " values, q " + q);
            }
        }
    }
}
