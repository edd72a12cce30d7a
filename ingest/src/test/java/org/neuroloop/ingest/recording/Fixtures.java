package org.neuroloop.ingest.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reference values written by {@code ingest/src/test/python/make_recording_fixtures.py} (MNE-Python). */
final class Fixtures {
    static final Path DATA = Path.of("../shared/data");
    private static final Path DIR = Path.of("ingest/src/test/resources/recording-fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static JsonNode expected(String fileName) {
        try {
            return JSON.readTree(DIR.resolve(fileName + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Factor from a fixture's "unit" to the µV the readers deliver (1 for non-voltage units). */
    static double toMicrovolt(String unit) {
        double f = VoltageUnits.toMicrovolt(unit);
        return Double.isNaN(f) ? 1 : f;
    }
}
