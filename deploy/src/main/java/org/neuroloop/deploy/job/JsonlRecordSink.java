package org.neuroloop.deploy.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Appends each record (an event, a prediction or a feature vector) as one JSON line, {@code "type"} first, flushed
 * as written; one file per parallel writer ("-subtask" appended when parallelism &gt; 1).
 */
final class JsonlRecordSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String type;

    JsonlRecordSink(String path, String type) {
        this.path = path;
        this.type = type;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        int n = context.getTaskInfo().getNumberOfParallelSubtasks();
        Path file = Path.of(n > 1 ? path + "-" + context.getTaskInfo().getIndexOfThisSubtask() : path);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ObjectMapper json = new ObjectMapper();
        return new SinkWriter<>() {
            @Override
            public void write(T record, Context ctx) throws IOException {
                ObjectNode line = json.createObjectNode().put("type", type);
                line.setAll((ObjectNode) json.valueToTree(record));
                out.write(json.writeValueAsString(line));
                out.write('\n');
                out.flush();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
