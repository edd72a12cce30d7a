package org.neuroloop.classifiers.sleep.flink;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.neuroloop.classifiers.sleep.SavedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed state of a per-session detector ({@link SavedState}) in a keyed operator: one working instance per
 * sampling rate, into which the current session's saved state is loaded for each chunk and from which it is saved
 * afterwards. A session without state, or whose rate changed, starts from a fresh detector. Create it in
 * {@code open()}.
 */
final class KeyedDetectorState<D extends SavedState> {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedDetectorState.class);

    private final String what;
    private final DoubleFunction<D> factory;
    private final ValueState<double[]> state;
    private final ValueState<Double> rateState;
    private final Map<Double, D> working = new HashMap<>();
    private final Map<Double, double[]> fresh = new HashMap<>();

    /**
     * @param what the detector, for state names ({@code <what>}, {@code <rateName>}) and logs
     * @param rateName name of the rate state
     * @param factory a fresh detector for a sampling rate
     */
    KeyedDetectorState(RuntimeContext rc, String what, String rateName, DoubleFunction<D> factory) {
        this.what = what;
        this.factory = factory;
        this.state = rc.getState(new ValueStateDescriptor<>(what, PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        this.rateState = rc.getState(new ValueStateDescriptor<>(rateName, Double.class));
    }

    /** The detector for {@code rate} holding the current session's state. */
    D load(double rate, String session) throws IOException {
        D d = working.get(rate);
        if (d == null) {
            d = factory.apply(rate);
            working.put(rate, d);
            fresh.put(rate, d.saveState());
        }
        Double known = rateState.value();
        double[] st = state.value();
        if (st == null || known == null || known != rate) {
            if (known != null && known != rate) {
                LOG.warn("session {}: sampling rate changed from {} to {} Hz; {} restarts", session, known, rate, what);
            }
            st = fresh.get(rate);
        }
        d.loadState(st);
        return d;
    }

    /** Saves the detector's state as the current session's. */
    void save(D d, double rate) throws IOException {
        state.update(d.saveState());
        rateState.update(rate);
    }
}
