package org.neuroloop.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Submits a job jar to a Flink session cluster through its REST API, as the Web UI's "Submit New Job" and
 * {@code flink run} do: upload the jar ({@code POST /jars/upload}), then run its entry class with program arguments
 * ({@code POST /jars/:jarid/run}); the entry class's {@code main} builds the graph inside the JobManager.
 */
public final class RestJobSubmitter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String restUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param restUrl e.g. {@code http://127.0.0.1:8081} */
    public RestJobSubmitter(String restUrl) {
        this.restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
    }

    /** Accepts {@code host:port} or a URL. */
    public static RestJobSubmitter forCluster(String cluster) {
        return new RestJobSubmitter(cluster.contains("://") ? cluster : "http://" + cluster);
    }

    /** Uploads {@code jar} and returns its id on the cluster. */
    public String upload(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(
                    "job jar " + jar + " does not exist; build it with `mvn -DskipTests package`"
                            + " (deploy/target/neuroloop-deploy-*-job.jar)");
        }
        String boundary = "neuroloop-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode r = send(
                HttpRequest.newBuilder(URI.create(restUrl + "/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                "upload " + jar.getFileName());
        String filename = r.path("filename").asText();
        if (!"success".equals(r.path("status").asText()) || filename.isEmpty()) {
            throw new IOException("jar upload to " + restUrl + " failed: " + r);
        }
        return Path.of(filename).getFileName().toString();
    }

    /** Runs the uploaded jar's {@code entryClass} with {@code args}; returns the Flink job id. */
    public String run(String jarId, String entryClass, List<String> args, Integer parallelism)
            throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode();
        req.put("entryClass", entryClass);
        args.forEach(req.putArray("programArgsList")::add);
        if (parallelism != null) {
            req.put("parallelism", parallelism);
        }
        JsonNode r = send(
                HttpRequest.newBuilder(URI.create(restUrl + "/jars/" + jarId + "/run"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(req.toString())),
                "run " + entryClass);
        String jobId = r.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IOException("the cluster at " + restUrl + " did not start the job: " + r);
        }
        return jobId;
    }

    /** The job's status, e.g. RUNNING, FINISHED, FAILED, RESTARTING. */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return job(jobId).path("state").asText();
    }

    /** The job's REST description ({@code /jobs/:jobid}). */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId)).GET(), "job " + jobId);
    }

    /** Checkpoint statistics ({@code /jobs/:jobid/checkpoints}). */
    public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "/checkpoints"))
                        .GET(),
                "checkpoints of " + jobId);
    }

    /** Failures the job went through ({@code /jobs/:jobid/exceptions}), e.g. a lost TaskManager. */
    public JsonNode exceptions(String jobId) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "/exceptions"))
                        .GET(),
                "exceptions of " + jobId);
    }

    private JsonNode send(HttpRequest.Builder b, String what) throws IOException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = http.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException(
                    "no Flink cluster answers on " + restUrl + " (start one with `neuroloop cluster start`)", e);
        }
        if (r.statusCode() / 100 != 2) {
            String detail = r.body();
            try {
                JsonNode errors = JSON.readTree(r.body()).path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    detail = errors.get(errors.size() - 1).asText();
                }
                // Flink wraps the job's own error in several layers; the innermost cause is the one a user needs.
                int last = detail.lastIndexOf("Caused by: ");
                if (last >= 0) {
                    int end = detail.indexOf('\n', last);
                    detail = detail.substring(last + "Caused by: ".length(), end < 0 ? detail.length() : end)
                            .trim();
                }
            } catch (IOException ignored) {
                // keep the raw body
            }
            throw new IOException(what + " on " + restUrl + " failed (HTTP " + r.statusCode() + "): " + detail);
        }
        return JSON.readTree(r.body());
    }
}
