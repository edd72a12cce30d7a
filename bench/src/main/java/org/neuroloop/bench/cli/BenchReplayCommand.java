package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.ingest.flink.RecordingSource;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recordings;
import org.neuroloop.ingest.replay.ReplayEvent;
import org.neuroloop.ingest.replay.ReplaySchedule;
import org.neuroloop.ingest.replay.ReplaySpeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop bench replay}: replay throughput at {@code --speed max}, in samples per second, of a recording
 * through {@link RecordingSource} on a local MiniCluster (source -> count -> discard), plus the bare
 * {@link ReplaySchedule} (file already in memory) for comparison. File reading is timed separately.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Replay throughput at --speed max (samples/s) through RecordingSource on a MiniCluster.")
public final class BenchReplayCommand implements Callable<Integer> {

    @Option(
            names = "--file",
            defaultValue = "../shared/data/mi/eegmmidb/S001R04.edf",
            description = "Recording to replay. Default: ${DEFAULT-VALUE}.")
    Path file;

    @Option(
            names = "--copies",
            defaultValue = "8",
            description = "Files replayed per job (the same file as separate sessions). Default: ${DEFAULT-VALUE}.")
    int copies;

    @Option(names = "--parallelism", defaultValue = "1", description = "Source parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--chunk-ms", defaultValue = "50", description = "Chunk length in ms. Default: ${DEFAULT-VALUE}.")
    double chunkMs;

    @Option(
            names = "--runs",
            defaultValue = "3",
            description = "Measured job runs (after one warm-up run). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    static final AtomicLong FIRST = new AtomicLong();
    static final AtomicLong LAST = new AtomicLong();
    static final AtomicLong SAMPLES = new AtomicLong();

    /** Notes when the first and last chunk pass (the MiniCluster runs in this JVM) and counts samples. */
    static final class StampFirstAndLast implements MapFunction<Chunk, Chunk> {
        @Override
        public Chunk map(Chunk c) {
            long now = System.nanoTime();
            FIRST.accumulateAndGet(now, Math::min);
            LAST.accumulateAndGet(now, Math::max);
            SAMPLES.addAndGet(c.length());
            return c;
        }
    }

    @Override
    public Integer call() throws Exception {
        long r0 = System.nanoTime();
        RecordedStream s = Recordings.open(file).mainStream().orElseThrow();
        double readSeconds = (System.nanoTime() - r0) / 1e9;
        long samplesPerFile = s.sampleCount();

        // bare schedule: chunk building only
        long b0 = System.nanoTime();
        long bare = 0;
        for (int k = 0; k < copies; k++) {
            ReplaySchedule sch = ReplaySchedule.chunksOf(s, "s" + k, chunkMs / 1000);
            while (sch.hasNext()) {
                bare += ((ReplayEvent.ChunkEvent) sch.next()).chunk().length();
            }
        }
        double bareSeconds = (System.nanoTime() - b0) / 1e9;

        List<RecordingSource.RecordingFile> files = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            files.add(RecordingSource.RecordingFile.of(file, "session-" + k));
        }
        RecordingSource<Chunk> source = RecordingSource.chunks(
                files, RecordingSource.Settings.of(ReplaySpeed.MAX).withChunkSeconds(chunkMs / 1000));
        double[] jobSeconds = new double[runs];
        double[] streamSeconds = new double[runs];
        try (Progress progress = Progress.start("bench replay", runs + 1, "runs")) {
            for (int run = -1; run < runs; run++) {
                Configuration conf = new Configuration();
                conf.set(PipelineOptions.GENERIC_TYPES, false);
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                env.setParallelism(parallelism);
                FIRST.set(Long.MAX_VALUE);
                LAST.set(Long.MIN_VALUE);
                SAMPLES.set(0);
                env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "recording")
                        .map(new StampFirstAndLast())
                        .sinkTo(new DiscardingSink<>());
                long t0 = System.nanoTime();
                env.execute("bench-replay");
                if (run >= 0) {
                    jobSeconds[run] = (System.nanoTime() - t0) / 1e9;
                    streamSeconds[run] = (LAST.get() - FIRST.get()) / 1e9;
                    if (SAMPLES.get() != (long) samplesPerFile * copies) {
                        throw new IllegalStateException(
                                "replayed " + SAMPLES.get() + " samples, expected " + (long) samplesPerFile * copies);
                    }
                }
                progress.step();
            }
        }
        Arrays.sort(jobSeconds);
        Arrays.sort(streamSeconds);
        double median = jobSeconds[runs / 2];
        double streamMedian = streamSeconds[runs / 2];
        long total = samplesPerFile * copies;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("channels", s.channelCount());
        out.put("rate_hz", s.nominalRate());
        out.put("samples_per_file", samplesPerFile);
        out.put("copies", copies);
        out.put("parallelism", parallelism);
        out.put("chunk_ms", chunkMs);
        out.put("file_read_seconds", readSeconds);
        out.put("job_seconds_median", median);
        out.put("job_seconds_all", jobSeconds);
        out.put("samples_per_second", total / median);
        out.put("stream_seconds_median", streamMedian);
        out.put("streaming_samples_per_second", total / streamMedian);
        out.put("channel_values_per_second", total * s.channelCount() / median);
        out.put("realtime_factor", total / median / s.nominalRate());
        out.put("bare_schedule_samples_per_second", bare / bareSeconds);
        out.put(
                "load_average_1min",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put(
                "note",
                "samples_per_second: whole job incl. MiniCluster submission and file reading;"
                        + " streaming_samples_per_second: first to last chunk seen after the source");
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out));
        } else {
            out.forEach((k, v) -> System.out.println(k + ": " + (v instanceof double[] d ? Arrays.toString(d) : v)));
        }
        return 0;
    }
}
