package org.neuroloop.ingest.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;
import org.neuroloop.ingest.replay.ReplayEvent;
import org.neuroloop.ingest.replay.ReplayPacer;
import org.neuroloop.ingest.replay.ReplaySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each assigned recording file, then emits its {@link ReplaySchedule} one record per poll: always the file
 * whose next record is released first, held back by its {@link ReplayPacer} until due (the reader's
 * availability future completes then, so the task thread never sleeps).
 */
final class RecordingSourceReader<T> implements SourceReader<T, RecordingSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingSourceReader.class);

    private final RecordingSource.Kind kind;
    private final RecordingSource.Settings settings;
    private final List<Cursor> cursors = new ArrayList<>();
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    private static final class Cursor {
        final RecordingSplit split;
        final ReplaySchedule schedule;
        final ReplayPacer pacer;

        Cursor(RecordingSplit split, ReplaySchedule schedule, ReplayPacer pacer) {
            this.split = split;
            this.schedule = schedule;
            this.pacer = pacer;
        }
    }

    RecordingSourceReader(RecordingSource.Kind kind, RecordingSource.Settings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    @Override
    public void start() {}

    @Override
    @SuppressWarnings("unchecked")
    public InputStatus pollNext(ReaderOutput<T> output) {
        Cursor first = null;
        long firstRelease = Long.MAX_VALUE;
        for (int i = cursors.size() - 1; i >= 0; i--) {
            Cursor c = cursors.get(i);
            if (!c.schedule.hasNext()) {
                LOG.info("recording {} ({}) finished", c.split.path(), kind);
                cursors.remove(i);
                continue;
            }
            long release = c.pacer.releaseNanos(c.schedule.nextDue());
            if (first == null || release <= firstRelease) {
                first = c;
                firstRelease = release;
            }
        }
        if (first == null) {
            if (noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        long wait = first.pacer.nanosUntil(first.schedule.nextDue());
        if (wait > 0) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> f.complete(null));
            available = f;
            return InputStatus.NOTHING_AVAILABLE;
        }
        ReplayEvent e = first.schedule.next();
        long eventMillis = (long) Math.floor(e.due() * 1000.0);
        if (e instanceof ReplayEvent.ChunkEvent ce) {
            output.collect((T) ce.chunk(), eventMillis);
        } else {
            output.collect((T) ((ReplayEvent.MarkerEvent) e).marker(), eventMillis);
        }
        return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<RecordingSplit> snapshotState(long checkpointId) {
        List<RecordingSplit> out = new ArrayList<>();
        for (Cursor c : cursors) {
            out.add(c.split.at(c.schedule.positions()));
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<RecordingSplit> splits) {
        for (RecordingSplit split : splits) {
            Recording r;
            try {
                r = Recordings.open(Path.of(split.path()), settings.textRate());
            } catch (IOException e) {
                throw new UncheckedIOException("replay of " + split.path() + " (session " + split.sessionId() + ")", e);
            }
            ReplaySchedule schedule;
            if (kind == RecordingSource.Kind.CHUNKS) {
                RecordedStream s = settings.stream() == null
                        ? r.mainStream()
                                .orElseThrow(() ->
                                        new IllegalArgumentException(split.path() + " has no numeric stream to replay"))
                        : r.stream(settings.stream())
                                .filter(x -> !x.isString())
                                .orElseThrow(() -> new IllegalArgumentException(split.path()
                                        + " has no numeric stream named '" + settings.stream() + "'; it has "
                                        + r.numericStreams().stream()
                                                .map(RecordedStream::name)
                                                .toList()));
                schedule = ReplaySchedule.chunksOf(s, split.sessionId(), settings.chunkSeconds());
            } else {
                schedule = ReplaySchedule.markersOf(r, split.sessionId());
            }
            if (split.positions().length > 0) {
                schedule.seek(split.positions());
            }
            LOG.info(
                    "replaying {} as session {} ({}, speed {}, from {})",
                    split.path(),
                    split.sessionId(),
                    kind,
                    settings.speed(),
                    Arrays.toString(split.positions()));
            cursors.add(new Cursor(split, schedule, new ReplayPacer(settings.speed(), System::nanoTime)));
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {}
}
