package org.neuroloop.deploy.job;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The {@code jsonl} output on its own: appends every stimulation command to a JSON-lines file with
 * {@link JsonlStimulationLog} (one file per parallel writer: "-subtask" appended when parallelism &gt; 1).
 */
final class CommandLogSink implements Sink<StimulationCommand> {
    private static final long serialVersionUID = 1L;
    private final String path;

    CommandLogSink(String path) {
        this.path = path;
    }

    @Override
    public SinkWriter<StimulationCommand> createWriter(WriterInitContext context) throws IOException {
        int n = context.getTaskInfo().getNumberOfParallelSubtasks();
        JsonlStimulationLog log = new JsonlStimulationLog(
                Path.of(n > 1 ? path + "-" + context.getTaskInfo().getIndexOfThisSubtask() : path));
        return new SinkWriter<>() {
            @Override
            public void write(StimulationCommand cmd, Context ctx) throws IOException {
                log.command(cmd);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() throws IOException {
                log.close();
            }
        };
    }
}
