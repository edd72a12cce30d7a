package org.neuroloop.classifiers.detect.flink;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.neuroloop.classifiers.detect.SavedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-session detector state in a keyed operator: one working detector per sampling rate, into which the current
 * session's state (a {@code double[]} in keyed state) is loaded for each chunk and saved back afterwards. A session
 * without state, or whose rate changed, starts from a fresh detector. Create it in {@code open()}.
 *
 * <p>The detector works on the array held in keyed state ({@link SavedState#attachState}, in place where it can)
 * and saves into it, so a steady stream allocates and copies little.
 * That is safe with the heap state backend: while an asynchronous snapshot is running, its copy-on-write map hands
 * out a copy instead of the snapshotted array.
 */
public final class KeyedDetectorState<D extends SavedState> {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedDetectorState.class);

    private final String what;
    private final DoubleFunction<D> factory;
    private final ValueState<double[]> state;
    private final ValueState<Double> rateState;
    private final Map<Double, D> working = new HashMap<>();
    private final Map<Double, double[]> fresh = new HashMap<>();
    private D last;
    private double lastRate = Double.NaN;
    private double[] current;

    /**
     * @param what the detector, naming its keyed states ({@code <what>}, {@code <what>-rate}) and log lines
     * @param factory a fresh detector for a sampling rate
     */
    public KeyedDetectorState(RuntimeContext rc, String what, DoubleFunction<D> factory) {
        this.what = what;
        this.factory = factory;
        this.state =
                rc.getState(new ValueStateDescriptor<>(what, PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        this.rateState = rc.getState(new ValueStateDescriptor<>(what + "-rate", Double.class));
    }

    /** The detector for {@code rate} holding the current session's state; pair each call with {@link #save}. */
    public D load(double rate, String session) throws IOException {
        D d = detectorFor(rate);
        Double known = rateState.value();
        double[] st = state.value();
        if (st == null || known == null || known != rate) {
            if (known != null && known != rate) {
                LOG.warn("session {}: sampling rate changed from {} to {} Hz; {} restarts", session, known, rate, what);
            }
            st = fresh.get(rate).clone();
            rateState.update(rate);
        }
        // the session's array is the detector's working state (in place where the detector can), saved back by save
        d.attachState(st);
        current = st;
        return d;
    }

    /** Saves the detector loaded by the last {@link #load} as the current session's state. */
    public void save(D d) throws IOException {
        d.saveState(current);
        state.update(current);
    }

    private D detectorFor(double rate) {
        if (rate == lastRate) {
            return last;
        }
        D d = working.get(rate);
        if (d == null) {
            d = factory.apply(rate);
            working.put(rate, d);
            fresh.put(rate, d.saveState());
        }
        last = d;
        lastRate = rate;
        return d;
    }
}
