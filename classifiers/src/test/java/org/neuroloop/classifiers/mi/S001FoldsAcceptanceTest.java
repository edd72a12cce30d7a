package org.neuroloop.classifiers.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance on EEGMMIDB S001 imagined runs with {@code ../shared/folds/S001_imagined.json} (50 splits),
 * window 0.5–2.5 s, 8–30 Hz causal IIR: the reference Python stack (MNE 1.3, scikit-learn 1.2, pyRiemann 0.9)
 * scores CSP(4)+LDA 0.711, MDM(OAS) 0.624, TS(OAS)+LR 0.747 mean accuracy (issue 4).
 */
class S001FoldsAcceptanceTest {

    static List<Split> splits() throws IOException {
        return CrossValidation.splits(FoldsFile.read(Path.of("../shared/folds/S001_imagined.json")), S001.imagined());
    }

    static CrossValidation.Result run(String pipeline) throws IOException {
        CrossValidation.Result r = CrossValidation.run(PipelineSpec.of(pipeline), S001.imagined(), splits());
        System.out.printf(
                "%s accuracy %.4f ± %.4f auc %.4f (%d folds)%n",
                r.pipeline(), r.meanAccuracy(), r.stdAccuracy(), r.meanAuc(), r.folds());
        return r;
    }

    /**
     * CSP(4)+LDA reproduces MNE + scikit-learn fold by fold ({@code csp_mne_reference.py} scored the same 50 splits).
     */
    @Test
    void cspLdaMatchesMneAndSklearnOnTheSameFolds() throws IOException {
        CrossValidation.Result r = run("csp-lda");
        assertEquals(0.711, r.meanAccuracy(), 0.02);
        JsonNode ref = Fixtures.read(Path.of("classifiers/src/test/resources/csp_mne_S001.json"));
        assertArrayEquals(Fixtures.vector(ref.get("cv_accuracy")), r.accuracy(), 1e-12);
        assertArrayEquals(Fixtures.vector(ref.get("cv_auc")), r.auc(), 1e-12);
    }

    @Test
    void mdmMatchesPyriemann() throws IOException {
        assertEquals(0.624, run("mdm").meanAccuracy(), 0.02);
    }

    @Test
    void tangentSpaceLogisticRegressionMatchesPyriemann() throws IOException {
        assertEquals(0.747, run("ts-lr").meanAccuracy(), 0.02);
    }
}
