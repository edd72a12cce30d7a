package org.neuroloop.ingest.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.neuroloop.lsl4j.ContinuousResolver;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the streams matching the query with a liblsl continuous resolver (polled every
 * {@code discoveryIntervalMillis}) and assigns one {@link LslStreamSplit} per stream to a reader, chosen by
 * {@code hash(splitId) mod readers}. A stream seen again (same source id) is not re-assigned: its reader reconnects.
 */
public final class LslSplitEnumerator implements SplitEnumerator<LslStreamSplit, LslEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(LslSplitEnumerator.class);

    private final SplitEnumeratorContext<LslStreamSplit> context;
    private final LslSourceSettings settings;
    private final Set<String> assigned = new HashSet<>();
    private final Map<String, LslStreamSplit> pending = new LinkedHashMap<>();
    private ContinuousResolver resolver;

    public LslSplitEnumerator(
            SplitEnumeratorContext<LslStreamSplit> context, LslSourceSettings settings, LslEnumeratorState restored) {
        this.context = context;
        this.settings = settings;
        if (restored != null) {
            assigned.addAll(restored.assignedSplitIds());
            for (LslStreamSplit s : restored.pending()) {
                pending.put(s.splitId(), s);
            }
        }
    }

    @Override
    public void start() {
        resolver = ContinuousResolver.byPredicate(
                settings.lslSettings(), settings.query().predicate(), 5.0);
        LOG.info("LSL source discovering streams matching {}", settings.query());
        context.callAsync(this::discover, this::onDiscovered, 0, settings.discoveryIntervalMillis());
    }

    /** Runs on a worker thread: the streams currently visible, as splits. */
    private List<LslStreamSplit> discover() {
        ContinuousResolver r = resolver;
        if (r == null || r.isClosed()) {
            return List.of();
        }
        List<StreamInfo> infos = r.results();
        try {
            List<LslStreamSplit> out = new ArrayList<>(infos.size());
            for (StreamInfo i : infos) {
                String sourceId = i.sourceId();
                String uid = i.uid();
                out.add(new LslStreamSplit(
                        LslStreamSplit.idOf(sourceId, uid),
                        i.name(),
                        i.type(),
                        sourceId,
                        uid,
                        i.channelCount(),
                        i.channelFormat().xmlName(),
                        i.nominalRate(),
                        settings.sessionFor(i.name(), sourceId),
                        0,
                        false));
            }
            return out;
        } finally {
            StreamResolver.closeAll(infos);
        }
    }

    private void onDiscovered(List<LslStreamSplit> found, Throwable error) {
        if (error != null) {
            LOG.warn("LSL stream discovery failed: {}", error.toString());
            return;
        }
        for (LslStreamSplit s : found) {
            if (!assigned.contains(s.splitId()) && !pending.containsKey(s.splitId())) {
                LOG.info(
                        "LSL source found stream {} (type {}, source_id '{}', {} ch {} @ {} Hz) -> session {}",
                        s.name(),
                        s.type(),
                        s.sourceId(),
                        s.channelCount(),
                        s.channelFormat(),
                        s.nominalRate(),
                        s.sessionId());
                pending.put(s.splitId(), s);
            }
        }
        assignPending();
    }

    private void assignPending() {
        List<Integer> readers = new ArrayList<>(context.registeredReaders().keySet());
        if (readers.isEmpty() || pending.isEmpty()) {
            return;
        }
        readers.sort(null);
        for (LslStreamSplit s : List.copyOf(pending.values())) {
            int reader = readers.get(Math.floorMod(s.splitId().hashCode(), readers.size()));
            context.assignSplit(s, reader);
            pending.remove(s.splitId());
            assigned.add(s.splitId());
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed on discovery
    }

    @Override
    public void addSplitsBack(List<LslStreamSplit> splits, int subtaskId) {
        for (LslStreamSplit s : splits) {
            assigned.remove(s.splitId());
            pending.put(s.splitId(), s.at(s.nextSeq(), true));
        }
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    @Override
    public LslEnumeratorState snapshotState(long checkpointId) {
        return new LslEnumeratorState(assigned, new ArrayList<>(pending.values()));
    }

    @Override
    public void close() throws IOException {
        if (resolver != null) {
            resolver.close();
        }
    }
}
