package org.neuroloop.closedloop.trigger.flink;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.classifiers.sleep.Spindle;
import org.neuroloop.classifiers.sleep.SpindleDetector;
import org.neuroloop.classifiers.sleep.SpindleListener;
import org.neuroloop.classifiers.sleep.SpindleParameters;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/**
 * Keyed by session: h6's causal {@link SpindleDetector} on one channel, emitting a policy input at each fire (the
 * moment a spindle is decided, value = z-score). The detector's whole state lives in keyed state as its
 * {@code saveState()} array, as in h6's {@code SpindleDetectionFunction}; this adapter goes straight to
 * {@link PolicyInput} (one hop fewer on the latency path) and keeps the parameters as plain numbers, since
 * {@link SpindleParameters} is not {@code Serializable}. Samples of bad chunks are fed as gaps (NaN), so nothing starts
 * on them, and the chunk's flags travel with the decision.
 */
public final class SpindleOnsetFunction extends KeyedProcessFunction<String, Chunk, PolicyInput> {
    private static final long serialVersionUID = 1L;
    public static final String CAUSE = "spindle-onset";

    private final int channel;
    private final double rate;
    private final double[] parameterValues;
    private transient SpindleDetector detector;
    private transient double[] fresh;
    private transient ValueState<double[]> state;

    /**
     * @param channel channel to watch
     * @param rate sampling rate of the session's chunks, Hz
     * @param parameters detector parameters
     */
    public SpindleOnsetFunction(int channel, double rate, SpindleParameters parameters) {
        if (channel < 0) {
            throw new IllegalArgumentException("spindle trigger: channel must be >= 0, got " + channel);
        }
        parameters.checkRate(rate);
        this.channel = channel;
        this.rate = rate;
        this.parameterValues = toNumbers(parameters);
    }

    @Override
    public void open(OpenContext ctx) {
        detector = new SpindleDetector(fromNumbers(parameterValues), rate);
        fresh = detector.saveState();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("spindle-trigger",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<PolicyInput> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (channel >= chunk.channels() || chunk.nominalRate() != rate) {
            throw new IllegalArgumentException("spindle trigger on channel " + channel + " at " + rate + " Hz: session "
                    + chunk.sessionId() + " has " + chunk.channels() + " channels at " + chunk.nominalRate() + " Hz");
        }
        double[] st = state.value();
        detector.loadState(st == null ? fresh : st);
        int flags = chunk.flags();
        boolean bad = ChunkFlags.isBad(flags);
        String session = chunk.sessionId();
        SpindleListener emit = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                out.collect(new PolicyInput(session, CAUSE, firedAt, score, detector.parameters().zRmsStart(), true, Double.NaN, flags));
            }

            @Override
            public void onSpindle(Spindle s) {
            }
        };
        double[] ts = chunk.timestamps();
        double[] x = chunk.samples();
        int ch = chunk.channels();
        for (int i = 0; i < ts.length; i++) {
            detector.step(bad ? Double.NaN : x[i * ch + channel], ts[i], emit);
        }
        state.update(detector.saveState());
    }

    private static double[] toNumbers(SpindleParameters p) {
        RecordComponent[] rc = SpindleParameters.class.getRecordComponents();
        double[] v = new double[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                v[i] = ((Number) rc[i].getAccessor().invoke(p)).doubleValue();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read spindle parameters " + p, e);
        }
        return v;
    }

    private static SpindleParameters fromNumbers(double[] v) {
        RecordComponent[] rc = SpindleParameters.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = Arrays.stream(rc).map(RecordComponent::getType).toArray(Class<?>[]::new);
        for (int i = 0; i < rc.length; i++) {
            args[i] = types[i] == int.class ? (Object) (int) v[i] : (Object) v[i];
        }
        try {
            return SpindleParameters.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild spindle parameters from " + Arrays.toString(v), e);
        }
    }
}
