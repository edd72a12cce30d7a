package org.neuroloop.classifiers.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared folds file describes exactly our S001 trials, and refuses other trial sets. */
class FoldsFileTest {

    static final Path FOLDS = Path.of("../shared/folds/S001_imagined.json");

    @Test
    void sharedFoldsMatchOurTrialsAndGiveFiftySplits() throws IOException {
        FoldsFile f = FoldsFile.read(FOLDS);
        assertEquals(45, f.trials().size());
        assertEquals(10, f.repeats());
        List<Split> splits = CrossValidation.splits(f, S001.imagined());
        assertEquals(50, splits.size());
        for (int r = 0; r < 10; r++) {
            int tested = 0;
            for (int k = 0; k < 5; k++) {
                Split s = splits.get(r * 5 + k);
                assertEquals(45, s.train().length + s.test().length);
                tested += s.test().length;
            }
            assertEquals(45, tested, "each trial tested once in repeat " + r);
        }
    }

    @Test
    void otherTrialsAreRefused() throws IOException {
        FoldsFile f = FoldsFile.read(FOLDS);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> f.requireMatches(S001.trials(List.of("S001R04.edf"))));
        assertTrue(e.getMessage().contains("45 trials but the recordings give 15"), e.getMessage());
        TrialSet swapped = S001.trials(List.of("S001R08.edf", "S001R04.edf", "S001R12.edf"));
        e = assertThrows(IllegalArgumentException.class, () -> f.requireMatches(swapped));
        assertTrue(e.getMessage().contains("trial 0 is"), e.getMessage());
    }
}
