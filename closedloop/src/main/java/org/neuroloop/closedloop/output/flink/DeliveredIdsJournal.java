package org.neuroloop.closedloop.output.flink;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The ids one output delivered since its last checkpoint, written to the job's checkpoint storage right after each
 * delivery: a checkpoint alone cannot know what was sent between it and a crash, and a restored job replays exactly
 * those commands. Files live in {@code <checkpoint dir>/<job id>/delivered/<output>/}, one per writer and attempt, so
 * every writer of a restarted job (any subtask, any parallelism) reads all of them, and a TaskManager's loss loses
 * none (the cluster shares the checkpoint storage). A line is an id followed by a newline; a torn last line (a crash
 * while writing it) is ignored, which leaves the microseconds between sending and journaling as the only window for
 * a repeat.
 */
final class DeliveredIdsJournal implements Closeable {
    private final Path folder;
    private final FileSystem fs;
    private FSDataOutputStream out;
    private final String fileName;

    private DeliveredIdsJournal(Path folder, String fileName) throws IOException {
        this.folder = folder;
        this.fs = folder.getFileSystem();
        this.fileName = fileName;
    }

    /**
     * The journal of output {@code output} of job {@code job} under checkpoint storage {@code checkpointDir} (a URI
     * or path), for one writer (subtask, attempt).
     */
    static DeliveredIdsJournal open(String checkpointDir, JobID job, String output, int subtask, int attempt)
            throws IOException {
        Path folder = new Path(
                new Path(new Path(new Path(checkpointDir), job.toHexString()), "delivered"),
                output.replaceAll("[^A-Za-z0-9._-]", "_"));
        return new DeliveredIdsJournal(folder, subtask + "-" + attempt + "-" + UUID.randomUUID() + ".ids");
    }

    Path folder() {
        return folder;
    }

    /** Every id any writer of this output journaled, in file order. */
    List<String> readAll() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!fs.exists(folder)) {
            return ids;
        }
        FileStatus[] files = fs.listStatus(folder);
        if (files == null) {
            return ids;
        }
        for (FileStatus f : files) {
            if (f.isDir() || f.getPath().getName().equals(fileName)) {
                continue;
            }
            byte[] bytes;
            try (var in = fs.open(f.getPath())) {
                bytes = in.readAllBytes();
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                continue;
            }
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(new ByteArrayInputStream(bytes, 0, end + 1), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isEmpty()) {
                        ids.add(line);
                    }
                }
            }
        }
        return ids;
    }

    /** Appends one delivered id, flushed to the file system before it returns. */
    void append(String id) throws IOException {
        if (out == null) {
            fs.mkdirs(folder);
            out = fs.create(new Path(folder, fileName), FileSystem.WriteMode.NO_OVERWRITE);
        }
        out.write((id + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
