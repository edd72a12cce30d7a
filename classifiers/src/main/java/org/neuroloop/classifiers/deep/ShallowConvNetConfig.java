package org.neuroloop.classifiers.deep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Size and training schedule of a {@link ShallowConvNet}. Lengths are in samples; the defaults scale Schirrmeister
 * et al. (2017)'s 250 Hz design (temporal kernel 25, pool 75 / stride 15, 40 filters) to 160 Hz and shrink the
 * filter count for 45-trial data sets and a 2-core machine.
 *
 * @param filters temporal and spatial filters (F)
 * @param kernel temporal kernel length
 * @param pool mean-pool length (clamped to the epoch's valid length)
 * @param stride mean-pool stride
 * @param dropout dropout rate before the dense layer
 * @param epochs passes over the training trials
 * @param batch mini-batch size
 * @param learningRate Adam step size
 * @param seed seed of the engine's RNG (initialisation, dropout) and of the batch shuffling
 */
public record ShallowConvNetConfig(int filters, int kernel, int pool, int stride, float dropout, int epochs, int batch,
                                   float learningRate, int seed) {

    /** F = 8, kernel 13 (81 ms), pool 48 (300 ms) / stride 10, dropout 0.5, 60 epochs of batch 16, Adam 1e-3, seed 42. */
    public static final ShallowConvNetConfig DEFAULT = new ShallowConvNetConfig(8, 13, 48, 10, 0.5f, 60, 16, 1e-3f, 42);

    public ShallowConvNetConfig {
        if (filters < 1 || kernel < 1 || pool < 1 || stride < 1 || epochs < 1 || batch < 2) {
            throw new IllegalArgumentException("shallow-convnet: filters, kernel, pool, stride, epochs must be >= 1 and batch >= 2, got "
                    + filters + ", " + kernel + ", " + pool + ", " + stride + ", " + epochs + ", " + batch);
        }
        if (!(dropout >= 0 && dropout < 1) || !(learningRate > 0)) {
            throw new IllegalArgumentException("shallow-convnet: dropout must be in [0, 1) and learning rate > 0, got " + dropout + ", "
                    + learningRate);
        }
    }

    public ShallowConvNetConfig withEpochs(int e) {
        return new ShallowConvNetConfig(filters, kernel, pool, stride, dropout, e, batch, learningRate, seed);
    }

    public ShallowConvNetConfig withSeed(int s) {
        return new ShallowConvNetConfig(filters, kernel, pool, stride, dropout, epochs, batch, learningRate, s);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("filters", filters);
        o.put("kernel", kernel);
        o.put("pool", pool);
        o.put("stride", stride);
        o.put("dropout", dropout);
        o.put("epochs", epochs);
        o.put("batch", batch);
        o.put("learning_rate", learningRate);
        o.put("seed", seed);
        return o;
    }

    static ShallowConvNetConfig fromJson(JsonNode o) {
        return new ShallowConvNetConfig(required(o, "filters").asInt(), required(o, "kernel").asInt(), required(o, "pool").asInt(),
                required(o, "stride").asInt(), (float) required(o, "dropout").asDouble(), required(o, "epochs").asInt(),
                required(o, "batch").asInt(), (float) required(o, "learning_rate").asDouble(), required(o, "seed").asInt());
    }

    static JsonNode required(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("shallow-convnet parameters: missing field '" + name + "'");
        }
        return n;
    }
}
