package org.neuroloop.deploy.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.neuroloop.deploy.config.ResolvedConfig.SourceKind;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.ingest.flink.LslStreamQuery;
import org.neuroloop.ingest.flink.RecordingSource;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;
import org.neuroloop.ingest.replay.ReplaySpeed;
import org.neuroloop.ingest.synthetic.EventSchedule;
import org.neuroloop.ingest.synthetic.LoopedEeg;
import org.neuroloop.ingest.synthetic.Montage1020;
import org.neuroloop.ingest.synthetic.SignalLevels;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;
import org.neuroloop.lsl4j.LslConfigFile;
import org.neuroloop.lsl4j.time.TimestampSettings;

/**
 * The {@code sessions} part of {@link ConfigResolver}: each session's source (LSL stream, recording or synthetic
 * EEG) with its defaults, channel labels and LSL settings. Errors name the session's key, as the resolver's do.
 */
final class SessionResolver {

    private final ConfigResolver resolver;

    SessionResolver(ConfigResolver resolver) {
        this.resolver = resolver;
    }

    ResolvedConfig.Session session(String key, SessionSpec s, String job, LslConfigFile lsl) {
        return switch (s.sourceKind()) {
            case "lsl" ->
                new ResolvedConfig.Session(
                        s.id(),
                        SourceKind.LSL,
                        lslSettings(key, s, false).withLslConfig(lsl),
                        s.lsl().markers() == null
                                ? null
                                : lslSettings(key, s, true).withLslConfig(lsl),
                        null,
                        null,
                        null,
                        true,
                        null);
            case "recording" -> {
                double speed =
                        resolver.speed(key + ".recording.speed", s.recording().speed());
                RecordingSource.Settings settings =
                        RecordingSource.Settings.of(speed == 0 ? ReplaySpeed.MAX : new ReplaySpeed(speed));
                if (s.recording().stream() != null) {
                    settings = settings.withStream(s.recording().stream());
                }
                if (s.recording().chunkSeconds() != null) {
                    settings = settings.withChunkSeconds(s.recording().chunkSeconds());
                }
                Path file = resolver.resolve(s.recording().path()).toAbsolutePath();
                yield new ResolvedConfig.Session(
                        s.id(),
                        SourceKind.RECORDING,
                        null,
                        null,
                        RecordingSource.RecordingFile.of(file, s.id()),
                        settings,
                        null,
                        false,
                        recordingLabels(key, file, s.recording().stream()));
            }
            default -> {
                double speed =
                        resolver.speed(key + ".synthetic.speed", s.synthetic().speed());
                if (speed != 0 && speed != 1) {
                    throw resolver.fail(
                            key + ".synthetic.speed", "synthetic EEG runs in real time or at max speed only");
                }
                SyntheticEegConfig eeg = synthetic(key, s, speed == 1);
                yield new ResolvedConfig.Session(
                        s.id(), SourceKind.SYNTHETIC, null, null, null, null, eeg, speed == 1, eeg.channelLabels());
            }
        };
    }

    private List<String> recordingLabels(String key, Path file, String stream) {
        try {
            Recording rec = Recordings.open(file);
            var s = stream == null ? rec.mainStream() : rec.stream(stream);
            return s.map(RecordedStream::channelLabels)
                    .orElseThrow(() -> resolver.fail(
                            key + ".recording",
                            file + " has no numeric stream" + (stream == null ? "" : " named '" + stream + "'")));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw resolver.fail(key + ".recording.path", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private SyntheticEegConfig synthetic(String key, SessionSpec s, boolean paced) {
        var y = s.synthetic();
        double rate = y.rate() == null ? ConfigResolver.SYNTHETIC_RATE : y.rate();
        double seconds = y.seconds() == null ? 60 : y.seconds() == 0 ? Double.POSITIVE_INFINITY : y.seconds();
        long seed = y.seed() == null ? 42 : y.seed();
        int chunk = y.chunkSamples() == null ? Math.max(1, (int) Math.round(rate / 100)) : y.chunkSamples();
        List<String> labels = y.labels() != null
                ? y.labels()
                : labels(
                        key + ".synthetic.channels",
                        y.channels() == null ? ConfigResolver.SYNTHETIC_CHANNELS : y.channels());
        String scenario = y.scenario() == null ? "noise" : y.scenario();
        double loop = y.loopSeconds() == null ? 0 : y.loopSeconds();
        // a looped session plays the events planted in its loop, which all sessions of the montage share
        double scheduleSeconds = loop > 0 ? loop : Double.isInfinite(seconds) ? 3600 : seconds;
        long scheduleSeed = loop > 0 ? LoopedEeg.LOOP_SEED : seed;
        EventSchedule schedule = switch (scenario) {
            case "mi" ->
                EventSchedule.motorImagery((int) Math.max(0, (scheduleSeconds - 2) / 6), 2, 6, 4, scheduleSeed);
            case "spindles" -> EventSchedule.sleep(scheduleSeconds, 6, 0, scheduleSeed);
            case "slow-oscillations" -> EventSchedule.sleep(scheduleSeconds, 0, 8, scheduleSeed);
            default -> EventSchedule.empty();
        };
        return new SyntheticEegConfig(
                s.id(),
                labels,
                rate,
                seed,
                chunk,
                seconds,
                paced ? Double.NaN : 0,
                SignalLevels.typical(),
                schedule,
                loop);
    }

    private List<String> labels(String key, int n) {
        LinkedHashSet<String> order = new LinkedHashSet<>(ConfigResolver.PREFERRED);
        order.addAll(Montage1020.STANDARD_19);
        order.addAll(Montage1020.EEGMMIDB_64);
        List<String> all = new ArrayList<>(order);
        if (n > all.size()) {
            throw resolver.fail(key, "at most " + all.size() + " synthetic channels, got " + n);
        }
        return all.subList(0, n);
    }

    private LslSourceSettings lslSettings(String key, SessionSpec s, boolean markers) {
        var l = s.lsl();
        LslStreamQuery q = null;
        Map<String, String> ids = new LinkedHashMap<>();
        if (markers) {
            q = LslStreamQuery.name(l.markers());
            ids.put(l.markers(), s.id());
        } else {
            if (l.name() != null) {
                q = LslStreamQuery.name(l.name());
            }
            if (l.type() != null) {
                q = q == null ? LslStreamQuery.type(l.type()) : q.and(LslStreamQuery.type(l.type()));
            }
            if (l.sourceId() != null) {
                q = q == null ? LslStreamQuery.sourceId(l.sourceId()) : q.and(LslStreamQuery.sourceId(l.sourceId()));
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
        if (!markers) {
            settings = settings.withTimestamps(TimestampSettings.defaults()
                    .withClockSync(l.clockSync() == null || l.clockSync())
                    .withDejitter(l.dejitter() == null || l.dejitter()));
            if (l.pollMicros() != null) {
                settings = settings.withPollIntervalMicros(l.pollMicros());
            }
        }
        return settings;
    }
}
