package org.neuroloop.ingest.recording;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A recording file that does not follow its format: names the file, the byte offset where reading failed and
 * what was expected there.
 */
public final class RecordingFormatException extends IOException {
    private final transient Path file;
    private final long offset;

    public RecordingFormatException(Path file, long offset, String expected) {
        super(file + " at byte " + offset + ": " + expected);
        this.file = file;
        this.offset = offset;
    }

    public RecordingFormatException(Path file, long offset, String expected, Throwable cause) {
        super(file + " at byte " + offset + ": " + expected, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The file that failed to parse. */
    public Path file() {
        return file;
    }

    /** Byte offset in the file where the unexpected content starts (-1 if not tied to an offset). */
    public long offset() {
        return offset;
    }
}
