package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.RecordingFormatException;
import org.neuroloop.ingest.recording.RecordingSummary;
import org.neuroloop.ingest.recording.Recordings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neuroloop info FILE}: streams, channels, rates, sample counts, duration, annotations and markers. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a recording (XDF, EDF/EDF+, BDF/BDF+, GDF, BrainVision .vhdr, text): streams, channel"
                + " labels, rates, sample counts, duration, annotations/markers with counts per label.")
public final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Recording file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--rate", description = "Sampling rate of a plain-text file (otherwise taken from a name like _200Hz).")
    Double rate;

    @Override
    public Integer call() throws Exception {
        Recording r;
        try {
            r = Recordings.open(file, rate == null ? Double.NaN : rate);
        } catch (RecordingFormatException | IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            System.err.println("info: " + e.getMessage());
            return 1;
        }
        RecordingSummary s = new RecordingSummary(r);
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s.toMap()));
        } else {
            System.out.print(s.toText());
        }
        return 0;
    }
}
