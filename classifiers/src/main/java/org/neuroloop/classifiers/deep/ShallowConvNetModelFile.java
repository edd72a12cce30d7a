package org.neuroloop.classifiers.deep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroloop.classifiers.mi.MotorImageryModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Model files of a {@code shallow-convnet} with the network weights in DJL's own parameter file beside the JSON
 * ({@code model.json} → {@code model.params}, {@code Block.saveParameters} format), referenced from the JSON by a
 * relative {@code parameter_file} field instead of the inline base64 {@code djl_parameters}.
 * <ul>
 *   <li>{@link #save(ShallowConvNetPipeline, Path)} / {@link #load(Path)}: the bare pipeline;</li>
 *   <li>{@link #save(MotorImageryModel, Path)} / {@link #loadModel(Path)}: a full {@code neuroloop-mi-model}
 *       (channels, rate, band, window, labels) whose {@code parameters} reference the sidecar file.</li>
 * </ul>
 */
public final class ShallowConvNetModelFile {

    public static final String FORMAT = "neuroloop-shallow-convnet";

    private ShallowConvNetModelFile() {
    }

    /** Writes {@code json} and its sidecar {@code .params} file. */
    public static void save(ShallowConvNetPipeline pipeline, Path json) throws IOException {
        ObjectNode root = pipeline.parametersJson();
        root.put("format", FORMAT);
        detach(root, pipeline.parameterBytes(), json);
        write(root, json);
    }

    public static ShallowConvNetPipeline load(Path json) throws IOException {
        JsonNode root = read(json);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(json + ": field 'format' is '" + root.path("format").asText() + "', expected '" + FORMAT + "'");
        }
        attach((ObjectNode) root, json);
        try {
            return ShallowConvNetPipeline.fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(json + ": " + e.getMessage(), e);
        }
    }

    /** Writes a full motor-imagery model file whose pipeline is a {@code shallow-convnet}, plus the sidecar. */
    public static void save(MotorImageryModel model, Path json) throws IOException {
        if (!(model.pipeline() instanceof ShallowConvNetPipeline p)) {
            throw new IllegalArgumentException("model pipeline is " + model.pipeline().name() + ", expected " + ShallowConvNetPipeline.NAME);
        }
        ObjectNode root = model.toJson();
        detach((ObjectNode) root.get("parameters"), p.parameterBytes(), json);
        write(root, json);
    }

    /** Reads a model file written by {@link #save(MotorImageryModel, Path)} (or one with inline parameters). */
    public static MotorImageryModel loadModel(Path json) throws IOException {
        JsonNode root = read(json);
        JsonNode params = root.get("parameters");
        if (params instanceof ObjectNode o) {
            attach(o, json);
        }
        try {
            return MotorImageryModel.fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(json + ": " + e.getMessage(), e);
        }
    }

    /** The sidecar of {@code model.json} is {@code model.params} in the same folder. */
    public static Path parameterFile(Path json) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(stem + ".params");
    }

    private static void detach(ObjectNode params, byte[] bytes, Path json) throws IOException {
        Path sidecar = parameterFile(json.toAbsolutePath());
        Files.createDirectories(sidecar.getParent());
        Files.write(sidecar, bytes);
        params.remove("djl_parameters");
        params.put("parameter_file", sidecar.getFileName().toString());
    }

    private static void attach(ObjectNode params, Path json) throws IOException {
        JsonNode ref = params.get("parameter_file");
        if (ref == null) {
            return;
        }
        Path sidecar = json.toAbsolutePath().resolveSibling(ref.asText());
        if (!Files.isRegularFile(sidecar)) {
            throw new IOException(json + ": field 'parameter_file' names " + sidecar + ", which does not exist");
        }
        params.put("djl_parameters", Base64.getEncoder().encodeToString(Files.readAllBytes(sidecar)));
    }

    private static void write(ObjectNode root, Path json) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
    }

    private static JsonNode read(Path json) throws IOException {
        try {
            return new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json + ": not a readable JSON model file: " + e.getMessage(), e);
        }
    }
}
