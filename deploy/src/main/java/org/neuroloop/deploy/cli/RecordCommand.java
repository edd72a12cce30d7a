package org.neuroloop.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.ingest.recorder.LslRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neuroloop record}: record LSL streams to an XDF file (with clock offsets), like LabRecorder. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        description =
                "Record LSL streams to XDF (stream headers, samples with the sender's timestamps, clock offsets every 5 s).")
public final class RecordCommand implements Callable<Integer> {

    @Option(
            names = "--stream",
            required = true,
            paramLabel = "PROP=VALUE",
            description =
                    "Streams to record, e.g. name=EEG or type=Markers (repeatable; each must match at least one stream).")
    List<String> streams = new ArrayList<>();

    @Option(names = "--seconds", required = true, description = "How long to record.")
    double seconds;

    @Option(names = "--out", required = true, paramLabel = "FILE.xdf", description = "Output XDF file.")
    Path out;

    @Option(
            names = "--resolve-timeout",
            defaultValue = "10",
            description = "Seconds to wait for each stream. Default: ${DEFAULT-VALUE}.")
    double resolveTimeout;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0)) {
            System.err.println("record: --seconds must be > 0");
            return 2;
        }
        List<LslRecorder.StreamQuery> queries = new ArrayList<>();
        try {
            for (String s : streams) {
                queries.add(LslRecorder.StreamQuery.parse(s));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("record: " + e.getMessage());
            return 2;
        }
        LslRecorder recorder;
        try {
            recorder = new LslRecorder(out, queries, resolveTimeout);
        } catch (IllegalStateException e) {
            System.err.println("record: " + e.getMessage());
            return 1;
        }
        System.err.println("record: " + recorder.streamNames() + " for " + seconds + " s to " + out);
        // Ctrl-C ends the recording early but still writes the stream footers
        Thread hook = new Thread(recorder::stop, "record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, Long> counts;
        try (Progress progress = Progress.timed("record", seconds)) {
            counts = recorder.record(seconds);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        System.err.println("record: samples per stream " + counts);
        return 0;
    }
}
