package org.neuroloop.classifiers.mi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trained-or-untrained two-class motor-imagery decoder from band-passed epochs.
 *
 * <p>Shapes: epochs {@code x[trial][channel][time]}, labels in {0, 1}, {@code sessions[trial]} a session index per
 * trial (used only by pipelines with unsupervised re-centering, which whiten each session by its own mean; the
 * others ignore it). Probabilities are {@code [P(class 0), P(class 1)]}.
 */
public interface MotorImageryPipeline {

    /** Pipeline name as on the command line, e.g. {@code ts-lr}. */
    String name();

    MotorImageryPipeline fit(double[][][] x, int[] y, int[] sessions);

    /** Class probabilities per trial; trials of a session are re-centred together when the pipeline re-centres. */
    double[][] predictProba(double[][][] x, int[] sessions);

    /** The features the final classifier sees (CSP log-powers, tangent vectors, or MDM distances). */
    double[][] transform(double[][][] x, int[] sessions);

    /** Most probable class per trial. */
    default int[] predict(double[][][] x, int[] sessions) {
        double[][] p = predictProba(x, sessions);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][1] > p[i][0] ? 1 : 0;
        }
        return out;
    }

    /** A stateful single-epoch decoder for streaming use (incremental re-centering when enabled). */
    OnlineDecoder online();

    /** Fitted parameters, for the model file. */
    ObjectNode parametersJson();

    /** Every trial in one session. */
    static int[] oneSession(int n) {
        return new int[n];
    }
}
