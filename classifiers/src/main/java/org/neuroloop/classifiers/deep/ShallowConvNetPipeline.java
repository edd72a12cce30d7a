package org.neuroloop.classifiers.deep;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neuroloop.classifiers.mi.MotorImageryPipeline;
import org.neuroloop.classifiers.mi.OnlineDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Random;

/**
 * The {@code shallow-convnet} motor-imagery pipeline: a {@link ShallowConvNet} trained with Adam on softmax
 * cross-entropy through DJL's PyTorch engine, on the same band-passed epochs {@code x[trial][channel][time]} (µV)
 * as the covariance pipelines. Inputs are scaled by one factor, {@code 1 / std} of all training samples, stored
 * with the model.
 *
 * <p>Deterministic: {@link Engine#setRandomSeed} is set to the config's seed right before initialisation (weights,
 * dropout masks) and batch order comes from {@code java.util.Random(seed)}; with one PyTorch thread (the launcher's
 * {@code ai.djl.pytorch.num_threads=1}) the same data and seed give the same predictions. Because that seed is
 * engine-global, fitting is serialised on a class-wide lock.
 *
 * <p>No native memory outlives a call: after fitting, the parameters are kept as the bytes of DJL's parameter
 * format ({@code Block.saveParameters}) and each prediction rebuilds the network in a short-lived manager.
 */
public final class ShallowConvNetPipeline implements MotorImageryPipeline {

    public static final String NAME = "shallow-convnet";
    private static final Logger LOG = LoggerFactory.getLogger(ShallowConvNetPipeline.class);
    private static final Object ENGINE_SEED_LOCK = new Object();

    private final ShallowConvNetConfig cfg;
    private int channels;
    private int samples;
    private double scale;
    private byte[] parameters;

    public ShallowConvNetPipeline(ShallowConvNetConfig cfg) {
        this.cfg = cfg;
    }

    public ShallowConvNetConfig config() {
        return cfg;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ShallowConvNetPipeline fit(double[][][] x, int[] y, int[] sessions) {
        requireShape(x, -1, -1, "training epochs");
        if (y.length != x.length) {
            throw new IllegalArgumentException("shallow-convnet: " + x.length + " epochs but " + y.length + " labels");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("shallow-convnet: label of trial " + i + " is " + y[i] + ", expected 0 or 1");
            }
        }
        channels = x[0].length;
        samples = x[0][0].length;
        scale = 1.0 / std(x);
        int n = x.length;
        float[] all = flatten(x, scale);
        synchronized (ENGINE_SEED_LOCK) {
            Engine.getEngine("PyTorch").setRandomSeed(cfg.seed());
            ShallowConvNet sc = new ShallowConvNet(cfg, channels, samples);
            try (Model model = Model.newInstance(NAME, "PyTorch")) {
                model.setBlock(sc.net());
                DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).build());
                try (Trainer trainer = model.newTrainer(tc)) {
                    trainer.initialize(new Shape(cfg.batch(), 1, channels, samples));
                    Random shuffle = new Random(cfg.seed());
                    int[] order = new int[n];
                    for (int i = 0; i < n; i++) {
                        order[i] = i;
                    }
                    int per = channels * samples;
                    for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                        shuffle(order, shuffle);
                        double lossSum = 0;
                        for (int start = 0; start < n; start += cfg.batch()) {
                            int end = Math.min(n, start + cfg.batch());
                            if (n - end == 1) {
                                end = n; // no batch of one: batch norm needs two samples
                            }
                            int b = end - start;
                            float[] xb = new float[b * per];
                            float[] yb = new float[b];
                            for (int i = 0; i < b; i++) {
                                System.arraycopy(all, order[start + i] * per, xb, i * per, per);
                                yb[i] = y[order[start + i]];
                            }
                            try (NDManager m = trainer.getManager().newSubManager();
                                 GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray xa = m.create(xb, new Shape(b, 1, channels, samples));
                                NDArray ya = m.create(yb, new Shape(b));
                                NDList out = trainer.forward(new NDList(xa));
                                NDArray loss = trainer.getLoss().evaluate(new NDList(ya), out);
                                lossSum += loss.getFloat() * b;
                                gc.backward(loss);
                            }
                            trainer.step();
                            start = end - cfg.batch();
                        }
                        LOG.debug("shallow-convnet epoch {}: mean training loss {}", epoch, lossSum / n);
                    }
                }
                parameters = toBytes(sc.net());
            }
        }
        return this;
    }

    @Override
    public double[][] predictProba(double[][][] x, int[] sessions) {
        float[][] logits = run(x, false);
        double[][] p = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double a = logits[i][0];
            double b = logits[i][1];
            double mx = Math.max(a, b);
            double ea = Math.exp(a - mx);
            double eb = Math.exp(b - mx);
            p[i] = new double[] {ea / (ea + eb), eb / (ea + eb)};
        }
        return p;
    }

    /** The flattened log mean-power maps the dense layer sees, {@code [trial][F · P]}. */
    @Override
    public double[][] transform(double[][][] x, int[] sessions) {
        float[][] f = run(x, true);
        double[][] out = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            out[i] = new double[f[i].length];
            for (int j = 0; j < f[i].length; j++) {
                out[i][j] = f[i][j];
            }
        }
        return out;
    }

    @Override
    public OnlineDecoder online() {
        requireFitted();
        return window -> predictProba(new double[][][] {window}, null)[0];
    }

    /** Hyper-parameters, input shape, scale and the DJL parameter bytes (base64, key {@code djl_parameters}). */
    @Override
    public ObjectNode parametersJson() {
        requireFitted();
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.set("config", cfg.toJson());
        p.put("channels", channels);
        p.put("samples", samples);
        p.put("scale", scale);
        p.put("engine", "PyTorch");
        p.put("djl_parameters", Base64.getEncoder().encodeToString(parameters));
        return p;
    }

    /** Rebuilds a fitted pipeline from {@link #parametersJson()}. */
    public static ShallowConvNetPipeline fromJson(JsonNode p) {
        ShallowConvNetPipeline pl = new ShallowConvNetPipeline(ShallowConvNetConfig.fromJson(ShallowConvNetConfig.required(p, "config")));
        pl.channels = ShallowConvNetConfig.required(p, "channels").asInt();
        pl.samples = ShallowConvNetConfig.required(p, "samples").asInt();
        pl.scale = ShallowConvNetConfig.required(p, "scale").asDouble();
        try {
            pl.parameters = Base64.getDecoder().decode(ShallowConvNetConfig.required(p, "djl_parameters").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shallow-convnet parameters: field 'djl_parameters' is not base64: " + e.getMessage(), e);
        }
        pl.run(new double[1][pl.channels][pl.samples], false); // fails now, not at first use, if the bytes do not fit
        return pl;
    }

    /** DJL parameter bytes of the fitted network ({@code Block.saveParameters} format). */
    byte[] parameterBytes() {
        requireFitted();
        return parameters.clone();
    }

    /** Replaces the parameter bytes (read from a sidecar file), checking they load into this network. */
    void useParameterBytes(byte[] bytes) {
        parameters = bytes.clone();
        run(new double[1][channels][samples], false);
    }

    private float[][] run(double[][][] x, boolean featuresOnly) {
        requireFitted();
        requireShape(x, channels, samples, "epochs");
        int n = x.length;
        ShallowConvNet sc = new ShallowConvNet(cfg, channels, samples);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Block net = sc.net();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, channels, samples));
            net.loadParameters(m, new DataInputStream(new ByteArrayInputStream(parameters)));
            Block b = featuresOnly ? sc.features() : net;
            NDArray xa = m.create(flatten(x, scale), new Shape(n, 1, channels, samples));
            NDArray out = b.forward(new ParameterStore(m, false), new NDList(xa), false).singletonOrThrow();
            int width = (int) out.getShape().get(1);
            float[] flat = out.toFloatArray();
            float[][] rows = new float[n][width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * width, rows[i], 0, width);
            }
            return rows;
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("shallow-convnet: DJL parameters do not fit a network of " + channels + " channels × "
                    + samples + " samples: " + e.getMessage(), e);
        }
    }

    private static byte[] toBytes(Block net) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream dos = new DataOutputStream(bos)) {
            net.saveParameters(dos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    private static void requireShape(double[][][] x, int c, int t, String what) {
        if (x.length == 0) {
            throw new IllegalArgumentException("shallow-convnet: no " + what);
        }
        int cc = c < 0 ? x[0].length : c;
        int tt = t < 0 ? x[0][0].length : t;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != cc) {
                throw new IllegalArgumentException("shallow-convnet: " + what + " " + i + " has " + x[i].length + " channels, expected " + cc);
            }
            for (double[] ch : x[i]) {
                if (ch.length != tt) {
                    throw new IllegalArgumentException("shallow-convnet: " + what + " " + i + " has " + ch.length + " samples, expected " + tt);
                }
            }
        }
    }

    private static double std(double[][][] x) {
        double s = 0;
        double s2 = 0;
        long k = 0;
        for (double[][] e : x) {
            for (double[] ch : e) {
                for (double v : ch) {
                    s += v;
                    s2 += v * v;
                    k++;
                }
            }
        }
        double m = s / k;
        double var = s2 / k - m * m;
        if (!(var > 0)) {
            throw new IllegalArgumentException("shallow-convnet: training epochs are constant (zero variance)");
        }
        return Math.sqrt(var);
    }

    private static float[] flatten(double[][][] x, double scale) {
        int c = x[0].length;
        int t = x[0][0].length;
        float[] out = new float[x.length * c * t];
        int k = 0;
        for (double[][] e : x) {
            for (double[] ch : e) {
                for (double v : ch) {
                    out[k++] = (float) (v * scale);
                }
            }
        }
        return out;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    private void requireFitted() {
        if (parameters == null) {
            throw new IllegalStateException(NAME + " is not fitted");
        }
    }
}
