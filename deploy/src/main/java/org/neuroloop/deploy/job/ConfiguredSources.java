package org.neuroloop.deploy.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.ingest.flink.LslSource;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.ingest.flink.LslStreamQuery;
import org.neuroloop.ingest.flink.LslWatermarks;
import org.neuroloop.ingest.flink.RecordingSource;
import org.neuroloop.ingest.replay.ReplaySpeed;
import org.neuroloop.ingest.flink.SyntheticSource;
import org.neuroloop.ingest.synthetic.EventSchedule;
import org.neuroloop.ingest.synthetic.Montage1020;
import org.neuroloop.ingest.synthetic.SignalLevels;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * The sources a session config names, unioned into one stream of chunks (and one of markers): one LSL source
 * per live session (h3's {@link LslSource}, its stream mapped to the session id), one synthetic source for all
 * synthetic sessions (h1's {@link SyntheticSource}), and recordings.
 */
final class ConfiguredSources implements JobSources {
    /** Channels the synthetic default montage starts with: the motor and midline sites the pipelines use. */
    static final List<String> PREFERRED = List.of("C3", "C4", "Cz", "Fz", "Pz", "F3", "F4", "P3", "P4", "O1", "O2");

    private final SessionConfig config;
    private final ConfigValidator validator;

    private ConfiguredSources(SessionConfig config, ConfigValidator validator) {
        this.config = config;
        this.validator = validator;
    }

    static ConfiguredSources of(SessionConfig config, ConfigValidator validator) {
        return new ConfiguredSources(config, validator);
    }

    @Override
    public DataStream<Chunk> chunks(StreamExecutionEnvironment env) {
        List<DataStream<Chunk>> parts = new ArrayList<>();
        List<SyntheticEegConfig> synthetic = synthetic(true);
        List<SyntheticEegConfig> syntheticFast = synthetic(false);
        if (!synthetic.isEmpty()) {
            parts.add(env.fromSource(SyntheticSource.chunks(synthetic, true), LslWatermarks.followNewestSample(), "synthetic EEG (real time)"));
        }
        if (!syntheticFast.isEmpty()) {
            parts.add(env.fromSource(SyntheticSource.chunks(syntheticFast, false), WatermarkStrategy.forMonotonousTimestamps(), "synthetic EEG"));
        }
        for (int i = 0; i < config.sessions().size(); i++) {
            SessionSpec s = config.sessions().get(i);
            if (s.lsl() != null) {
                parts.add(env.fromSource(LslSource.chunks(lslSettings(s, false)), LslWatermarks.followNewestSample(), "LSL " + s.id()));
            }
        }
        recordings().forEach((settings, files) -> parts.add(env.fromSource(RecordingSource.chunks(files, settings),
                WatermarkStrategy.forMonotonousTimestamps(), "recordings " + settings.speed())));
        DataStream<Chunk> all = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            all = all.union(parts.get(k));
        }
        return all;
    }

    @Override
    public List<String> channelLabels(String sessionId) {
        for (SessionSpec s : config.sessions()) {
            if (!s.id().equals(sessionId)) {
                continue;
            }
            if (s.synthetic() != null) {
                return syntheticConfig(s, false).channelLabels();
            }
            if (s.recording() != null) {
                try {
                    var rec = org.neuroloop.ingest.recording.Recordings.open(validator.resolve(s.recording().path()));
                    var stream = s.recording().stream() == null ? rec.mainStream() : rec.stream(s.recording().stream());
                    return stream.map(org.neuroloop.ingest.recording.RecordedStream::channelLabels).orElse(null);
                } catch (java.io.IOException e) {
                    throw new ConfigException(null, "recording " + s.recording().path(), "cannot read: " + e.getMessage(), e);
                }
            }
        }
        return null;
    }

    @Override
    public DataStream<Marker> markers(StreamExecutionEnvironment env) {
        List<DataStream<Marker>> parts = new ArrayList<>();
        List<SyntheticEegConfig> synthetic = synthetic(true);
        List<SyntheticEegConfig> syntheticFast = synthetic(false);
        if (!synthetic.isEmpty()) {
            parts.add(env.fromSource(SyntheticSource.markers(synthetic, true), LslWatermarks.followNewestSample(), "synthetic truth markers"));
        }
        if (!syntheticFast.isEmpty()) {
            parts.add(env.fromSource(SyntheticSource.markers(syntheticFast, false), WatermarkStrategy.forMonotonousTimestamps(), "synthetic truth markers (fast)"));
        }
        recordings().forEach((settings, files) -> parts.add(env.fromSource(RecordingSource.markers(files, settings),
                WatermarkStrategy.forMonotonousTimestamps(), "recording markers " + settings.speed())));
        for (SessionSpec s : config.sessions()) {
            if (s.lsl() != null && s.lsl().markers() != null) {
                parts.add(env.fromSource(LslSource.markers(lslSettings(s, true)), LslWatermarks.followNewestSample(), "LSL markers " + s.id()));
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        DataStream<Marker> all = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            all = all.union(parts.get(k));
        }
        return all;
    }

    /** Recording sessions grouped by replay settings (one source per group, one split per file). */
    Map<RecordingSource.Settings, List<RecordingSource.RecordingFile>> recordings() {
        Map<RecordingSource.Settings, List<RecordingSource.RecordingFile>> out = new LinkedHashMap<>();
        for (int i = 0; i < config.sessions().size(); i++) {
            SessionSpec s = config.sessions().get(i);
            if (s.recording() == null) {
                continue;
            }
            String key = "sessions[" + i + "].recording";
            double speed = validator.speed(key + ".speed", s.recording().speed());
            RecordingSource.Settings settings = RecordingSource.Settings.of(speed == 0 ? ReplaySpeed.MAX : new ReplaySpeed(speed));
            if (s.recording().stream() != null) {
                settings = settings.withStream(s.recording().stream());
            }
            out.computeIfAbsent(settings, k -> new ArrayList<>()).add(RecordingSource.RecordingFile.of(
                    validator.resolve(s.recording().path()).toAbsolutePath(), s.id()));
        }
        return out;
    }

    /** The synthetic sessions that are paced in real time ({@code paced}) or run at full speed. */
    List<SyntheticEegConfig> synthetic(boolean paced) {
        List<SyntheticEegConfig> out = new ArrayList<>();
        for (int i = 0; i < config.sessions().size(); i++) {
            SessionSpec s = config.sessions().get(i);
            if (s.synthetic() == null) {
                continue;
            }
            double speed = validator.speed("sessions[" + i + "].synthetic.speed", s.synthetic().speed());
            if ((speed == 0) == paced) {
                continue;
            }
            if (speed != 0 && speed != 1) {
                throw new ConfigException(null, "sessions[" + i + "].synthetic.speed", "synthetic EEG runs in real time or at max speed only");
            }
            out.add(syntheticConfig(s, paced));
        }
        return out;
    }

    static SyntheticEegConfig syntheticConfig(SessionSpec s, boolean paced) {
        var y = s.synthetic();
        double rate = y.rate() == null ? ConfigValidator.SyntheticDefaults.RATE : y.rate();
        double seconds = y.seconds() == null ? 60 : y.seconds() == 0 ? Double.POSITIVE_INFINITY : y.seconds();
        long seed = y.seed() == null ? 42 : y.seed();
        int chunk = y.chunkSamples() == null ? Math.max(1, (int) Math.round(rate / 100)) : y.chunkSamples();
        List<String> labels = y.labels() != null ? y.labels() : labels(y.channels() == null ? ConfigValidator.SyntheticDefaults.CHANNELS : y.channels());
        String scenario = y.scenario() == null ? "noise" : y.scenario();
        double scheduleSeconds = Double.isInfinite(seconds) ? 3600 : seconds;
        EventSchedule schedule = switch (scenario) {
            case "mi" -> EventSchedule.motorImagery((int) Math.max(0, (scheduleSeconds - 2) / 6), 2, 6, 4, seed);
            case "spindles" -> EventSchedule.sleep(scheduleSeconds, 6, 0, seed);
            case "slow-oscillations" -> EventSchedule.sleep(scheduleSeconds, 0, 8, seed);
            default -> EventSchedule.empty();
        };
        SignalLevels levels = scenario.equals("mi") ? SignalLevels.typical() : SignalLevels.typical();
        return new SyntheticEegConfig(s.id(), labels, rate, seed, chunk, seconds, paced ? Double.NaN : 0, levels, schedule);
    }

    static List<String> labels(int n) {
        LinkedHashSet<String> order = new LinkedHashSet<>(PREFERRED);
        order.addAll(Montage1020.STANDARD_19);
        order.addAll(Montage1020.EEGMMIDB_64);
        List<String> all = new ArrayList<>(order);
        if (n > all.size()) {
            throw new ConfigException(null, "synthetic.channels", "at most " + all.size() + " synthetic channels, got " + n);
        }
        return all.subList(0, n);
    }

    static LslSourceSettings lslSettings(SessionSpec s, boolean markers) {
        var l = s.lsl();
        LslStreamQuery q = null;
        if (markers) {
            q = LslStreamQuery.name(l.markers());
        } else {
            if (l.name() != null) {
                q = LslStreamQuery.name(l.name());
            }
            if (l.type() != null) {
                q = q == null ? LslStreamQuery.type(l.type()) : q.and(LslStreamQuery.type(l.type()));
            }
            if (l.sourceId() != null) {
                q = q == null ? LslStreamQuery.sourceId(l.sourceId()) : q.and(LslStreamQuery.sourceId(l.sourceId()));
            }
        }
        Map<String, String> ids = new LinkedHashMap<>();
        if (markers) {
            ids.put(l.markers(), s.id());
        } else {
            if (l.sourceId() != null) {
                ids.put(l.sourceId(), s.id());
            }
            if (l.name() != null) {
                ids.put(l.name(), s.id());
            }
        }
        LslSourceSettings settings = LslSourceSettings.of(q).withSessionIds(ids);
        if (l.staleSeconds() != null) {
            settings = settings.withStaleTimeout(l.staleSeconds());
        }
        return settings;
    }
}
