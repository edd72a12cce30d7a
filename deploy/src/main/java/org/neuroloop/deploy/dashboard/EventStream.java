package org.neuroloop.deploy.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events to every open page: each client has a bounded queue (a slow page loses messages rather than
 * growing the server's memory) drained by the HTTP thread that holds its connection.
 */
final class EventStream {
    private static final int QUEUE = 512;
    private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();

    void publish(String json) {
        for (BlockingQueue<String> q : clients) {
            q.offer(json);
        }
    }

    /** Serves one client until it disconnects; a comment line every 15 s keeps idle connections open. */
    void serve(OutputStream out) throws IOException {
        BlockingQueue<String> q = new ArrayBlockingQueue<>(QUEUE);
        clients.add(q);
        try {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String m = q.poll(15, TimeUnit.SECONDS);
                out.write((m == null ? ": ping\n\n" : "data: " + m + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(q);
        }
    }

    int clients() {
        return clients.size();
    }
}
