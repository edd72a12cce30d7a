package org.neuroloop.classifiers.deep.spindles.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.spindles.SpindleNetDetector;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.classifiers.sleep.flink.SpindleDetectionFunction;
import org.neuroloop.classifiers.sleep.flink.SpindleEventFunction;

/**
 * Keyed by session: the online spindle network ({@link SpindleNetDetector}) on one channel of every chunk, emitting
 * the same events as {@link SpindleDetectionFunction} ({@link SpindleEventFunction}): value = network probability at
 * the fire, peak probability when the run ends; threshold = the rule's probability threshold.
 *
 * <p>The network is loaded once per task in {@link #open} and shared by every session of the task; each session's
 * front-end and event state is Flink keyed state, swapped in place. Samples of a bad chunk are fed as zeros (the
 * front end's treatment of non-finite input).
 */
public final class SpindleNetDetectionFunction extends SpindleEventFunction<SpindleNetDetector> {
    private static final long serialVersionUID = 2L;

    private final String modelJson;

    private transient LoadedNetwork network;

    public SpindleNetDetectionFunction(SpindleNetModel model, int channel) {
        super(channel, "spindle net");
        this.modelJson = model.toJson().toString();
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        SpindleNetModel model = SpindleNetModel.fromJson(new ObjectMapper().readTree(modelJson));
        network = model.load();
        openDetectors(
                "spindle-net",
                rate -> new SpindleNetDetector(model, network, rate),
                model.rule().threshold(),
                true);
    }

    @Override
    public void close() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    @Override
    protected void step(SpindleNetDetector detector, double x, double t, SpindleListener out) {
        detector.step(x, t, out);
    }

    @Override
    protected void flush(SpindleNetDetector detector, SpindleListener out) {
        detector.flush(out);
    }
}
