package org.neuroloop.closedloop.output.flink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.closedloop.output.StimulationOutput;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink sink (Sink V2) delivering stimulation commands through one transport, each as soon as it arrives (no
 * batching: a stimulus must not wait for a checkpoint). Duplicates (same id, e.g. replayed after a restart) are
 * dropped; with a log path every command and acknowledgement is appended to a JSONL file whose acknowledged ids also
 * survive restarts. Counters: {@code stimSent}, {@code stimDuplicates}, {@code stimFailed}, {@code stimSham}.
 */
public final class StimulationSink implements Sink<StimulationCommand> {
    private static final long serialVersionUID = 1L;

    private final TransportSpec transport;
    private final String logPath;

    /**
     * @param transport where to deliver
     * @param logPath JSONL log file (one per parallel writer: "-<subtask>" is appended when parallelism &gt; 1), or null
     */
    public StimulationSink(TransportSpec transport, String logPath) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.logPath = logPath;
    }

    @Override
    public SinkWriter<StimulationCommand> createWriter(WriterInitContext context) throws IOException {
        JsonlStimulationLog log = null;
        if (logPath != null) {
            int n = context.getTaskInfo().getNumberOfParallelSubtasks();
            String path = n > 1 ? logPath + "-" + context.getTaskInfo().getIndexOfThisSubtask() : logPath;
            log = new JsonlStimulationLog(Path.of(path));
        }
        return new Writer(new StimulationOutput(transport.open(), log), context);
    }

    static final class Writer implements SinkWriter<StimulationCommand> {
        private static final Logger LOG = LoggerFactory.getLogger(StimulationSink.class);
        private final StimulationOutput output;
        private final Counter sent;
        private final Counter duplicates;
        private final Counter failed;
        private final Counter sham;

        Writer(StimulationOutput output, WriterInitContext context) {
            this.output = output;
            var g = context.metricGroup();
            this.sent = g.counter("stimSent");
            this.duplicates = g.counter("stimDuplicates");
            this.failed = g.counter("stimFailed");
            this.sham = g.counter("stimSham");
        }

        @Override
        public void write(StimulationCommand cmd, Context context) throws IOException {
            StimulationAck ack = output.deliver(cmd);
            switch (ack.detail()) {
                case "sent" -> sent.inc();
                case "duplicate" -> duplicates.inc();
                case "sham" -> sham.inc();
                default -> failed.inc();
            }
            LOG.debug("{}", ack);
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        @Override
        public void close() throws IOException {
            output.close();
        }
    }
}
