package org.neuroloop.deploy.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The dashboard's HTTP server on 127.0.0.1 (the JDK's {@link HttpServer}): the page and uPlot from the jar,
 * {@code GET /api/sessions}, the event stream {@code GET /events}, and {@code POST /api/control?session=S&action=A}
 * which needs the run's token in the header {@code X-NeuroLoop-Token} (else 403). A header, not a cookie or a form
 * field, so another web page in the same browser cannot send it: a cross-origin request with a custom header needs
 * a CORS preflight, which this server never grants.
 */
final class DashboardServer implements AutoCloseable {
    static final String TOKEN_HEADER = "X-NeuroLoop-Token";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String> ASSETS = Map.of(
            "/", "/dashboard/index.html",
            "/app.js", "/dashboard/app.js",
            "/style.css", "/dashboard/style.css",
            "/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "/uPlot.min.css", UPLOT + "uPlot.min.css");
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    DashboardServer(
            int port,
            SessionBoards boards,
            EventStream events,
            ObjectNode setup,
            byte[] token,
            BiConsumer<String, String> control)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> asset(ex));
        server.createContext(
                "/api/sessions", ex -> send(ex, 200, "application/json", json.writeValueAsBytes(boards.json())));
        server.createContext("/api/setup", ex -> send(ex, 200, "application/json", json.writeValueAsBytes(setup)));
        server.createContext("/events", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                events.serve(out);
            } catch (IOException closed) {
                // the page went away
            }
        });
        server.createContext("/api/control", ex -> {
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, "text/plain", "POST only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String given = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
                send(ex, 403, "text/plain", "control needs the run's token\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, String> q = query(ex.getRequestURI());
            String session = q.getOrDefault("session", "");
            String action = q.getOrDefault("action", "");
            if (!boards.has(session) || !(action.equals("arm") || action.equals("disarm") || action.equals("stop"))) {
                send(
                        ex,
                        400,
                        "text/plain",
                        ("unknown session '" + session + "' or action '" + action + "' (arm, disarm, stop)\n")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            control.accept(session, action);
            send(
                    ex,
                    200,
                    "application/json",
                    json.writeValueAsBytes(boards.of(session).json(0, false)));
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void asset(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String resource = ASSETS.get(path);
        if (resource == null) {
            send(ex, 404, "text/plain", ("no " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = DashboardServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " missing from the jar");
            }
            String type = path.endsWith(".js")
                    ? "text/javascript"
                    : path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8";
            send(ex, 200, type, in.readAllBytes());
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(
                            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
