package org.neuroloop.classifiers.mi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.Recording;

/** EEGMMIDB subject 1 imagined runs as the acceptance uses them: T1=left, T2=right, 0.5–2.5 s, 8–30 Hz. */
final class S001 {

    static final Path DIR = Path.of("../shared/data/mi/eegmmidb");
    static final List<String> IMAGINED = List.of("S001R04.edf", "S001R08.edf", "S001R12.edf");
    static final ClassLabels LABELS = ClassLabels.parse("T1=left,T2=right");
    static final EpochWindow WINDOW = new EpochWindow(0.5, 2.5);
    static final Band BAND = new Band(8, 30);
    private static TrialSet imagined;

    private S001() {}

    static List<Recording> read(List<String> files) {
        List<Recording> out = new ArrayList<>();
        for (String f : files) {
            try {
                out.add(EdfReader.read(DIR.resolve(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static TrialSet trials(List<String> files) {
        return MotorImageryEpochs.extract(read(files), files, LABELS, WINDOW, BAND);
    }

    static synchronized TrialSet imagined() {
        if (imagined == null) {
            imagined = trials(IMAGINED);
        }
        return imagined;
    }
}
