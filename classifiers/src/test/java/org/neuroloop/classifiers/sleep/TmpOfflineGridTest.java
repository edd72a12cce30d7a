package org.neuroloop.classifiers.sleep;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TmpOfflineGridTest {
    @Test
    void grid() throws Exception {
        SpindleParameters d = SpindleParameters.defaults();
        List<String> res = new ArrayList<>();
        for (double zs : new double[] {1.5, 2.0, 2.5}) {
            for (double zr : new double[] {1.5, 2.0}) {
                for (double cs : new double[] {0.7, 0.8, 0.85}) {
                    for (double zk : new double[] {0.5, 1.0}) {
                        for (double ck : new double[] {0.4, 0.6}) {
                            SpindleParameters p = new SpindleParameters(11, 16, 1, 30, 2, 0.3, 120, 10, zs, zr, cs, zk, ck, 0.05, 0, 0, 0.3, 3.0);
                            List<DetectionScore> parts = new ArrayList<>();
                            for (int n = 1; n <= 4; n++) {
                                Dreams.Excerpt e = Dreams.excerpt(n);
                                parts.add(OnlineSpindleRun.scoreOffline(OfflineSpindleDetector.detect(e.x(), e.fs(), 0, p, null), e.expert1(), 0.2, 0, 1000));
                            }
                            DetectionScore pooled = DetectionScore.pooled(parts);
                            res.add(String.format("%.3f %s zs%.1f zr%.1f cs%.2f zk%.1f ck%.1f %s", pooled.f1(), pooled, zs, zr, cs, zk, ck,
                                    parts.stream().map(s -> String.format("%.2f", s.f1())).toList()));
                        }
                    }
                }
            }
        }
        res.sort(java.util.Comparator.reverseOrder());
        res.stream().limit(15).forEach(System.out::println);
    }
}
