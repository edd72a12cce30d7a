package org.neuroloop.classifiers.sleep.flink;

import java.util.HashMap;
import java.util.Map;
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
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.DetectedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by session: the causal {@link SpindleDetector} on one channel of every chunk, its whole state (filters,
 * windows, baselines, run) in Flink keyed state so a restore continues exactly.
 *
 * <p>Emits, in time order: {@code "spindle-onset"} at the fire (the moment to act; offset NaN, value = z-score,
 * threshold = start threshold), then {@code "spindle"} when it ends (onset, offset, peak, value = amplitude µV,
 * frequency), or {@code "spindle-rejected"} if its duration fell outside the limits. Samples of a chunk with a bad-data
 * flag are fed as gaps (nothing starts on them; see {@link ChunkFlags#BAD}); the flags are carried on the events. An
 * {@code END_OF_STREAM} chunk ends a running spindle. A change of sampling rate restarts the session's detector.
 */
public final class SpindleDetectionFunction extends KeyedProcessFunction<String, Chunk, DetectedEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SpindleDetectionFunction.class);

    private final int channel;
    private final SpindleParameters parameters;

    private transient ValueState<double[]> detectorState;
    private transient ValueState<Double> rateState;
    /** Working detectors per rate; the state of the current key is loaded into them for each chunk. */
    private transient Map<Double, SpindleDetector> working;
    private transient Map<Double, double[]> freshState;

    /** @param channel index of the channel to watch in each chunk */
    public SpindleDetectionFunction(int channel, SpindleParameters parameters) {
        if (channel < 0) {
            throw new IllegalArgumentException("spindle detection channel index must be >= 0, got " + channel);
        }
        this.channel = channel;
        this.parameters = parameters;
    }

    @Override
    public void open(OpenContext ctx) {
        detectorState = getRuntimeContext().getState(new ValueStateDescriptor<>("spindle-detector", PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        rateState = getRuntimeContext().getState(new ValueStateDescriptor<>("spindle-rate", Double.class));
        working = new HashMap<>();
        freshState = new HashMap<>();
    }

    @Override
    public void processElement(Chunk chunk, Context ctx, Collector<DetectedEvent> out) throws Exception {
        if (chunk.length() == 0) {
            return;
        }
        if (channel >= chunk.channels()) {
            throw new IllegalArgumentException("spindle detection on channel " + channel + " but session " + chunk.sessionId()
                    + " has " + chunk.channels() + " channels");
        }
        double rate = chunk.nominalRate();
        SpindleDetector d = working.get(rate);
        if (d == null) {
            d = new SpindleDetector(parameters, rate);
            working.put(rate, d);
            freshState.put(rate, d.saveState());
        }
        Double known = rateState.value();
        double[] st = detectorState.value();
        if (st == null || known == null || known != rate) {
            if (known != null && known != rate) {
                LOG.warn("session {}: sampling rate changed from {} to {} Hz; spindle detector restarts", chunk.sessionId(), known, rate);
            }
            st = freshState.get(rate);
        }
        d.loadState(st);
        int flags = chunk.flags();
        boolean bad = ChunkFlags.isBad(flags);
        String session = chunk.sessionId();
        double threshold = parameters.zRmsStart();
        SpindleListener emit = new SpindleListener() {
            @Override
            public void onFire(double firedAt, double onsetEstimate, double score) {
                out.collect(new DetectedEvent(session, "spindle-onset", firedAt, onsetEstimate, Double.NaN, Double.NaN, score,
                        threshold, Double.NaN, Double.NaN, flags));
            }

            @Override
            public void onSpindle(Spindle s) {
                out.collect(new DetectedEvent(session, s.accepted() ? "spindle" : "spindle-rejected", s.firedAt(), s.onset(), s.offset(),
                        s.peak(), s.amplitude(), threshold, s.frequency(), Double.NaN, flags));
            }
        };
        double[] ts = chunk.timestamps();
        double[] x = chunk.samples();
        int ch = chunk.channels();
        for (int i = 0; i < ts.length; i++) {
            d.step(bad ? Double.NaN : x[i * ch + channel], ts[i], emit);
        }
        if (chunk.hasFlag(ChunkFlags.END_OF_STREAM)) {
            d.flush(emit);
        }
        detectorState.update(d.saveState());
        rateState.update(rate);
    }
}
