package org.neuroloop.closedloop.output.flink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.neuroloop.closedloop.output.DeliveryGuard;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.closedloop.output.StimulationOutput;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink sink (Sink V2) delivering stimulation commands through one transport, each as soon as it arrives (no
 * batching: a stimulus must not wait for a checkpoint), at most once per command id. The ids it delivered are its
 * checkpointed writer state ({@link DeliveredIds}), and with a checkpoint directory each one is also journaled there
 * right after delivery ({@link DeliveredIdsJournal}); a restored writer drops every id in either, so commands that a
 * restored job decides again are not sent again. With a {@link DeliveryGuard} (live sessions) a command that went stale
 * before it could be sent is dropped and logged. With a log path every command and acknowledgement is also appended
 * to a JSONL audit file. Counters: {@code stimSent}, {@code stimDuplicates}, {@code stimStale}, {@code stimFailed},
 * {@code stimSham}.
 */
public final class StimulationSink
        implements Sink<StimulationCommand>, SupportsWriterState<StimulationCommand, DeliveredIds> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StimulationSink.class);

    private final TransportSpec transport;
    private final String logPath;
    private final String outputId;
    private final String checkpointDir;
    private final DeliveryGuard guard;

    /** A sink without journal or guard: duplicates are dropped against its checkpointed state only. */
    public StimulationSink(TransportSpec transport, String logPath) {
        this(transport, logPath, "output", null, null);
    }

    /**
     * @param transport where to deliver
     * @param logPath JSONL audit file (one per parallel writer: "-<subtask>" is appended when parallelism &gt; 1), or
     * null
     * @param outputId names this output's journal, unique in the job
     * @param checkpointDir the job's checkpoint storage (URI or path) holding the journal, or null for none
     * @param guard the stale guard of live sessions, or null
     */
    public StimulationSink(
            TransportSpec transport, String logPath, String outputId, String checkpointDir, DeliveryGuard guard) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.logPath = logPath;
        this.outputId = Objects.requireNonNull(outputId, "outputId");
        this.checkpointDir = checkpointDir;
        this.guard = guard;
    }

    @Override
    public Writer createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public Writer restoreWriter(WriterInitContext context, Collection<DeliveredIds> restored) throws IOException {
        Set<String> delivered = new LinkedHashSet<>();
        restored.forEach(s -> delivered.addAll(s.ids()));
        int restoredFromState = delivered.size();
        DeliveredIdsJournal journal = null;
        if (checkpointDir != null) {
            journal = DeliveredIdsJournal.open(
                    checkpointDir,
                    context.getJobInfo().getJobId(),
                    outputId,
                    context.getTaskInfo().getIndexOfThisSubtask(),
                    context.getTaskInfo().getAttemptNumber());
            delivered.addAll(journal.readAll());
        }
        if (!delivered.isEmpty()) {
            LOG.info(
                    "output {}: {} command id(s) already delivered ({} from the checkpoint, the rest from {})",
                    outputId,
                    delivered.size(),
                    restoredFromState,
                    journal == null ? "nowhere" : journal.folder());
        }
        JsonlStimulationLog log = null;
        if (logPath != null) {
            int n = context.getTaskInfo().getNumberOfParallelSubtasks();
            String path = n > 1 ? logPath + "-" + context.getTaskInfo().getIndexOfThisSubtask() : logPath;
            log = new JsonlStimulationLog(Path.of(path));
        }
        StimulationOutput output = new StimulationOutput(transport.open(), log, guard);
        output.alreadyDelivered(delivered);
        return new Writer(output, delivered, journal, context);
    }

    @Override
    public SimpleVersionedSerializer<DeliveredIds> getWriterStateSerializer() {
        return new DeliveredIds.Serializer();
    }

    /** Delivers commands and keeps the ids it (or its predecessors) delivered. */
    public static final class Writer implements StatefulSinkWriter<StimulationCommand, DeliveredIds> {
        private final StimulationOutput output;
        private final Set<String> delivered;
        private final DeliveredIdsJournal journal;
        private final Counter sent;
        private final Counter duplicates;
        private final Counter stale;
        private final Counter failed;
        private final Counter sham;

        Writer(
                StimulationOutput output,
                Set<String> delivered,
                DeliveredIdsJournal journal,
                WriterInitContext context) {
            this.output = output;
            this.delivered = delivered;
            this.journal = journal;
            var g = context.metricGroup();
            this.sent = g.counter("stimSent");
            this.duplicates = g.counter("stimDuplicates");
            this.stale = g.counter("stimStale");
            this.failed = g.counter("stimFailed");
            this.sham = g.counter("stimSham");
        }

        @Override
        public void write(StimulationCommand cmd, Context context) throws IOException {
            StimulationAck ack = output.deliver(cmd);
            if (ack.ok()) {
                delivered.add(cmd.id());
                if (journal != null) {
                    journal.append(cmd.id());
                }
            }
            switch (ack.detail()) {
                case "sent" -> sent.inc();
                case "duplicate" -> duplicates.inc();
                case "stale" -> stale.inc();
                case "sham" -> sham.inc();
                default -> failed.inc();
            }
            LOG.debug("{}", ack);
        }

        @Override
        public List<DeliveredIds> snapshotState(long checkpointId) {
            return List.of(new DeliveredIds(new ArrayList<>(delivered)));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() throws IOException {
            try {
                output.close();
            } finally {
                if (journal != null) {
                    journal.close();
                }
            }
        }
    }
}
