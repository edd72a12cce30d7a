package org.neuroloop.deploy.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.config.ResolvedConfig.SourceKind;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.flink.LslSource;
import org.neuroloop.ingest.flink.LslWatermarks;
import org.neuroloop.ingest.flink.RecordingSource;
import org.neuroloop.ingest.flink.SplitPlacement;
import org.neuroloop.ingest.flink.SyntheticSource;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * The sources of a resolved config, unioned into one stream of chunks (and one of markers): one {@link LslSource}
 * per live session (its stream mapped to the session id), one {@link SyntheticSource} for the real-time synthetic
 * sessions and one for the full-speed ones, and one {@link RecordingSource} per group of recordings with the same
 * replay settings.
 */
public final class ConfiguredSources implements JobSources {
    private final ResolvedConfig config;

    private ConfiguredSources(ResolvedConfig config) {
        this.config = config;
    }

    public static ConfiguredSources of(ResolvedConfig config) {
        return new ConfiguredSources(config);
    }

    @Override
    public DataStream<Chunk> chunks(StreamExecutionEnvironment env) {
        List<DataStream<Chunk>> parts = new ArrayList<>();
        List<SyntheticEegConfig> paced = synthetic(true);
        List<SyntheticEegConfig> fast = synthetic(false);
        SplitPlacement byKey = SplitPlacement.byKeyGroup(
                NeuroLoopJob.maxParallelism(config.flink().parallelism()));
        if (!paced.isEmpty()) {
            parts.add(env.fromSource(
                    SyntheticSource.chunks(paced, true).withPlacement(byKey),
                    LslWatermarks.followNewestSample(),
                    "synthetic EEG (real time)"));
        }
        if (!fast.isEmpty()) {
            parts.add(env.fromSource(
                    SyntheticSource.chunks(fast, false).withPlacement(byKey),
                    WatermarkStrategy.forMonotonousTimestamps(),
                    "synthetic EEG"));
        }
        for (ResolvedConfig.Session s : config.sessions()) {
            if (s.kind() == SourceKind.LSL) {
                parts.add(
                        env.fromSource(LslSource.chunks(s.lsl()), LslWatermarks.followNewestSample(), "LSL " + s.id()));
            }
        }
        recordings()
                .forEach((settings, files) -> parts.add(env.fromSource(
                        RecordingSource.chunks(files, settings).withPlacement(byKey),
                        WatermarkStrategy.forMonotonousTimestamps(),
                        "recordings " + settings.speed())));
        return union(parts);
    }

    /** Synthetic sessions and recordings are placed by key group; a live LSL session's reader is not. */
    @Override
    public boolean partitionedBySession() {
        return config.sessions().stream().noneMatch(s -> s.kind() == SourceKind.LSL);
    }

    @Override
    public List<String> channelLabels(String sessionId) {
        return config.sessions().stream()
                .filter(s -> s.id().equals(sessionId))
                .findFirst()
                .map(ResolvedConfig.Session::channelLabels)
                .orElse(null);
    }

    @Override
    public DataStream<Marker> markers(StreamExecutionEnvironment env) {
        List<DataStream<Marker>> parts = new ArrayList<>();
        List<SyntheticEegConfig> paced = synthetic(true);
        List<SyntheticEegConfig> fast = synthetic(false);
        if (!paced.isEmpty()) {
            parts.add(env.fromSource(
                    SyntheticSource.markers(paced, true),
                    LslWatermarks.followNewestSample(),
                    "synthetic truth markers"));
        }
        if (!fast.isEmpty()) {
            parts.add(env.fromSource(
                    SyntheticSource.markers(fast, false),
                    WatermarkStrategy.forMonotonousTimestamps(),
                    "synthetic truth markers (fast)"));
        }
        recordings()
                .forEach((settings, files) -> parts.add(env.fromSource(
                        RecordingSource.markers(files, settings),
                        WatermarkStrategy.forMonotonousTimestamps(),
                        "recording markers " + settings.speed())));
        for (ResolvedConfig.Session s : config.sessions()) {
            if (s.markers() != null) {
                parts.add(env.fromSource(
                        LslSource.markers(s.markers()), LslWatermarks.followNewestSample(), "LSL markers " + s.id()));
            }
        }
        return parts.isEmpty() ? null : union(parts);
    }

    /** Recording sessions grouped by replay settings (one source per group, one split per file). */
    private Map<RecordingSource.Settings, List<RecordingSource.RecordingFile>> recordings() {
        Map<RecordingSource.Settings, List<RecordingSource.RecordingFile>> out = new LinkedHashMap<>();
        for (ResolvedConfig.Session s : config.sessions()) {
            if (s.kind() == SourceKind.RECORDING) {
                out.computeIfAbsent(s.recordingSettings(), k -> new ArrayList<>())
                        .add(s.recording());
            }
        }
        return out;
    }

    private List<SyntheticEegConfig> synthetic(boolean paced) {
        return config.sessions().stream()
                .filter(s -> s.kind() == SourceKind.SYNTHETIC && s.paced() == paced)
                .map(ResolvedConfig.Session::synthetic)
                .toList();
    }

    private static <T> DataStream<T> union(List<DataStream<T>> parts) {
        DataStream<T> all = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            all = all.union(parts.get(k));
        }
        return all;
    }
}
