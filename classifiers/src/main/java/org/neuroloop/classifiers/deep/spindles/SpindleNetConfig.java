package org.neuroloop.classifiers.deep.spindles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroloop.classifiers.sleep.SpindleFeatures;

/**
 * Front end, size and training schedule of the online spindle network.
 *
 * @param rateHz network rate; every input rate must be an integer multiple (DREAMS: 50, 100, 200 Hz → 50 Hz)
 * @param windowSamples samples of the causal window the network sees at each decision
 * @param hopSamples network samples between decisions
 * @param filters feature maps of each convolution
 * @param epochs training passes
 * @param batch mini-batch size
 * @param learningRate Adam step size
 * @param negativesPerPositive negatives drawn per positive window each epoch (spindles are rare)
 * @param seed seed of initialisation, sampling and shuffling
 * @param classicInputs also feed the classic detector's features ({@link SpindleFeatures}: z of the log sigma RMS,
 *     z of the log relative sigma power, sigma–broadband correlation) as three more input channels
 * @param recurrent state size of a two-layer GRU over the convolutions' time steps in place of the dense layer
 *     (0: none)
 * @param relativeThreshold the event rule thresholds the score relative to the recording's baseline
 *     ({@link SpindleNetScore}) instead of the probability
 */
public record SpindleNetConfig(
        double rateHz,
        int windowSamples,
        int hopSamples,
        int filters,
        int epochs,
        int batch,
        float learningRate,
        int negativesPerPositive,
        int seed,
        boolean classicInputs,
        int recurrent,
        boolean relativeThreshold) {

    /** 50 Hz, 1 s window, a decision every 40 ms, 16 maps, 12 epochs of 64, Adam 1e-3, 3 negatives per positive. */
    public static final SpindleNetConfig DEFAULT = new SpindleNetConfig(50, 50, 2, 16, 12, 64, 1e-3f, 3, 42);

    /** Lower edge of the causal band-pass before decimation, Hz. */
    public static final double LOW_HZ = 0.5;
    /** Upper edge, below the Nyquist frequency of 50 Hz so decimation does not alias. */
    public static final double HIGH_HZ = 20;
    /** Sigma band of the second input channel, Hz. */
    public static final double SIGMA_LOW_HZ = 11;

    public static final double SIGMA_HIGH_HZ = 16;
    /** Input channels of the filtered signal: broadband and sigma. */
    static final int SIGNAL_CHANNELS = 2;
    /** Input channels of the classic detector's features (with {@code classicInputs}). */
    static final int FEATURE_CHANNELS = 3;
    /** Time constant of the running RMS that scales the input, seconds. */
    public static final double RMS_SECONDS = 30;

    public SpindleNetConfig {
        if (!(rateHz > 2 * HIGH_HZ)
                || windowSamples < 8
                || hopSamples < 1
                || filters < 1
                || epochs < 0
                || batch < 2
                || !(learningRate > 0)
                || negativesPerPositive < 1
                || recurrent < 0) {
            throw new IllegalArgumentException("spindle net: rate > " + 2 * HIGH_HZ
                    + " Hz, window >= 8, hop >= 1, filters >= 1, epochs >= 0,"
                    + " batch >= 2, learning rate > 0, negatives >= 1, recurrent >= 0; got " + this);
        }
    }

    /** Without the classic detector's features as inputs. */
    public SpindleNetConfig(
            double rateHz,
            int windowSamples,
            int hopSamples,
            int filters,
            int epochs,
            int batch,
            float learningRate,
            int negativesPerPositive,
            int seed) {
        this(
                rateHz,
                windowSamples,
                hopSamples,
                filters,
                epochs,
                batch,
                learningRate,
                negativesPerPositive,
                seed,
                false,
                0,
                false);
    }

    /** Decisions per second (the relative score's one-second blocks). */
    public int decisionsPerSecond() {
        return (int) Math.round(rateHz / hopSamples);
    }

    /** Input channels of the network: broadband, sigma, and the classic features when asked for. */
    public int channels() {
        return SIGNAL_CHANNELS + (classicInputs ? FEATURE_CHANNELS : 0);
    }

    public SpindleNetConfig withEpochs(int e) {
        return new SpindleNetConfig(
                rateHz,
                windowSamples,
                hopSamples,
                filters,
                e,
                batch,
                learningRate,
                negativesPerPositive,
                seed,
                classicInputs,
                recurrent,
                relativeThreshold);
    }

    public SpindleNetConfig withWindow(int samples) {
        return new SpindleNetConfig(
                rateHz,
                samples,
                hopSamples,
                filters,
                epochs,
                batch,
                learningRate,
                negativesPerPositive,
                seed,
                classicInputs,
                recurrent,
                relativeThreshold);
    }

    public SpindleNetConfig withNegativesPerPositive(int n) {
        return new SpindleNetConfig(
                rateHz,
                windowSamples,
                hopSamples,
                filters,
                epochs,
                batch,
                learningRate,
                n,
                seed,
                classicInputs,
                recurrent,
                relativeThreshold);
    }

    public SpindleNetConfig withClassicInputs(boolean on) {
        return withOptions(on, recurrent, relativeThreshold);
    }

    public SpindleNetConfig withRecurrent(int stateSize) {
        return withOptions(classicInputs, stateSize, relativeThreshold);
    }

    public SpindleNetConfig withRelativeThreshold(boolean on) {
        return withOptions(classicInputs, recurrent, on);
    }

    private SpindleNetConfig withOptions(boolean classic, int gru, boolean relative) {
        return new SpindleNetConfig(
                rateHz,
                windowSamples,
                hopSamples,
                filters,
                epochs,
                batch,
                learningRate,
                negativesPerPositive,
                seed,
                classic,
                gru,
                relative);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("rate_hz", rateHz);
        o.put("window_samples", windowSamples);
        o.put("hop_samples", hopSamples);
        o.put("filters", filters);
        o.put("epochs", epochs);
        o.put("batch", batch);
        o.put("learning_rate", learningRate);
        o.put("negatives_per_positive", negativesPerPositive);
        o.put("seed", seed);
        o.put("classic_inputs", classicInputs);
        o.put("recurrent", recurrent);
        o.put("relative_threshold", relativeThreshold);
        return o;
    }

    static SpindleNetConfig fromJson(JsonNode o) {
        return new SpindleNetConfig(
                required(o, "rate_hz").asDouble(),
                required(o, "window_samples").asInt(),
                required(o, "hop_samples").asInt(),
                required(o, "filters").asInt(),
                required(o, "epochs").asInt(),
                required(o, "batch").asInt(),
                (float) required(o, "learning_rate").asDouble(),
                required(o, "negatives_per_positive").asInt(),
                required(o, "seed").asInt(),
                o.path("classic_inputs").asBoolean(false),
                o.path("recurrent").asInt(0),
                o.path("relative_threshold").asBoolean(false));
    }

    static JsonNode required(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("spindle net model: missing field '" + name + "'");
        }
        return n;
    }
}
