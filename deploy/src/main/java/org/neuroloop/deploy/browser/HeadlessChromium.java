package org.neuroloop.deploy.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's {@code chromium} in headless mode, driven through its DevTools protocol over a WebSocket (the JDK's
 * {@link HttpClient}): navigate, evaluate JavaScript, capture screenshots, and collect console errors and uncaught
 * exceptions of the page. Tooling, not product: the browser tests of the dashboard and the reports, and
 * {@code bench dashboard}, which samples the page's JS heap, drive it.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessChromium.class);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** The chromium binary on this machine, or null. */
    public static String binary() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (new File(dir, name).canExecute()) {
                    return new File(dir, name).getPath();
                }
            }
        }
        return null;
    }

    public HeadlessChromium(String binary) throws Exception {
        profile = Files.createTempDirectory("neuroloop-chromium");
        process = new ProcessBuilder(
                        binary,
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--disable-extensions",
                        "--window-size=1280,900",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectErrorStream(true)
                .start();
        String browserWs = waitForDevTools();
        URI base = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        URI targets = URI.create("http://" + base.getAuthority() + "/json/list");
        String list = http.send(HttpRequest.newBuilder(targets).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        String pageWs = null;
        for (JsonNode t : json.readTree(list)) {
            if (t.path("type").asText().equals("page")) {
                pageWs = t.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageWs == null) {
            throw new IOException("chromium has no page target: " + list);
        }
        socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageWs), new Listener())
                .get(30, TimeUnit.SECONDS);
        call("Runtime.enable", null);
        call("Log.enable", null);
        call("Page.enable", null);
    }

    private String waitForDevTools() throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ws = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                ws.complete(m.group(1));
                            }
                        }
                        ws.completeExceptionally(new IOException("chromium exited before DevTools listened"));
                    } catch (IOException e) {
                        ws.completeExceptionally(e);
                    }
                },
                "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return ws.get(60, TimeUnit.SECONDS);
    }

    /** Sends a DevTools command and waits for its result. */
    public JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode m = json.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(json.writeValueAsString(m), true).get(10, TimeUnit.SECONDS);
        JsonNode r = f.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IOException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", json.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression (awaiting promises), as JSON. */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call(
                "Runtime.evaluate",
                json.createObjectNode()
                        .put("expression", expression)
                        .put("returnByValue", true)
                        .put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    public byte[] screenshot() throws Exception {
        return Base64.getDecoder()
                .decode(call("Page.captureScreenshot", json.createObjectNode().put("format", "png"))
                        .path("data")
                        .asText());
    }

    /** The browser's process, e.g. for its CPU time (its renderers are descendants). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Console errors, uncaught exceptions and failed loads the page reported so far. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private void event(JsonNode m) {
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        if (method.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
            errors.add("console.error: " + p.path("args"));
        } else if (method.equals("Runtime.exceptionThrown")) {
            errors.add("exception: " + p.path("exceptionDetails"));
        } else if (method.equals("Log.entryAdded")
                && p.path("entry").path("level").asText().equals("error")) {
            errors.add("log: " + p.path("entry").path("text").asText() + " "
                    + p.path("entry").path("url").asText());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode m = json.readTree(text.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f =
                                pending.remove(m.get("id").asInt());
                        if (f != null) {
                            f.complete(m);
                        }
                    } else {
                        event(m);
                    }
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes away below anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // the browser may still be removing its own temporary files while the walk runs
        try (var files = Files.walk(profile)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the browser profile {}: {}", profile, e.getMessage());
        }
    }
}
