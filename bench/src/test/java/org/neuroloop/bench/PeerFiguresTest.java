package org.neuroloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's printed RESULTS table (format of {@code speed_peer.py}) becomes the reference figures. */
class PeerFiguresTest {

    private static final String OUTPUT = String.join(
            "\n",
            "CPU: AMD EPYC (2 logical CPUs visible); OPENBLAS_CORETYPE=Haswell",
            "python 3.11.2 numpy 1.24.2 scipy 1.10.1 pyriemann 0.9",
            "",
            "RESULTS (median wall time)",
            "| benchmark | median s | runs | throughput |",
            "|---|---|---|---|",
            "| (a) sosfilt one call, 64x1e6 f64, butter(4,[8,30],fs=250) 4 biquads | 0.6467 | 5 |"
                    + " 99.0 M ch-samples/s |",
            "| (a) sosfilt streaming, chunks of 10 samples, carried zi (1e5 calls) | 4.3342 | 3 | 14.77 M ch-samples/s;"
                    + " 43.3 us/call; max abs(stream-one)=0.0e+00 |",
            "| (b) Covariances('oas').transform 10,000 x 22 x 500 | 0.8933 | 3 | 11194 epochs/s |",
            "| (c) mean_riemann 1,000 x 22x22 (tol=1e-8, maxiter=50 defaults) | 3.7677 | 5 | 265 matrices/s |",
            "| (d) TangentSpace(riemann).transform 10,000 x 22x22 -> 253 feats | 3.0560 | 5 | 3272 matrices/s |",
            "| (e) MDM(riemann).predict 10,000 x 22x22, 4 classes | 3.1180 | 5 | 3207 matrices/s;"
                    + " train-set acc=1.000 |",
            "| (e') MDM(riemann).fit 10,000 x 22x22, 4 classes (for reference) | 15.9584 | 3 |  |",
            "");

    @Test
    void readsEveryReferenceKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("peer.txt");
        Files.writeString(file, OUTPUT);
        Map<String, Double> f = PeerFigures.read(file);
        assertEquals(DspBenchmark.REFERENCE.keySet(), f.keySet());
        assertEquals(99.0e6, f.get("filter_single_call_chs_per_s"), 1);
        assertEquals(14.77e6, f.get("filter_chunk10_chs_per_s"), 1);
        assertEquals(0.8933, f.get("oas_10k_s"));
        assertEquals(3.7677, f.get("riemann_mean_1k_s"));
        assertEquals(3.0560, f.get("tangent_space_10k_s"));
        assertEquals(3.1180, f.get("mdm_predict_10k_s"), "the fit row (e') must not replace predict");
    }

    @Test
    void missingRowNamesTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("peer.txt");
        Files.writeString(file, OUTPUT.replace("| (d)", "| (x)"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerFigures.read(file));
        assertTrue(
                e.getMessage().contains("tangent_space_10k_s") && e.getMessage().contains("peer.txt"), e.getMessage());
    }
}
