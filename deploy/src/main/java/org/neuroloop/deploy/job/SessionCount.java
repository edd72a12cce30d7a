package org.neuroloop.deploy.job;

import java.io.Serializable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.neuroloop.dsp.flink.SessionMetrics;

/**
 * Pass-through that counts records per session in the Flink metric {@code session.<id>.<name>} (for example
 * predictions, detections, stimulations). Chained, so it costs one counter increment per record.
 */
public final class SessionCount<T> extends RichMapFunction<T, T> {
    private static final long serialVersionUID = 1L;

    /** How to read the session id of a record. */
    @FunctionalInterface
    public interface SessionOf<T> extends Serializable {
        String of(T record);
    }

    private final String name;
    private final SessionOf<T> session;
    private transient SessionMetrics metrics;

    public SessionCount(String name, SessionOf<T> session) {
        this.name = name;
        this.session = session;
    }

    @Override
    public void open(OpenContext ctx) {
        metrics = new SessionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public T map(T value) {
        metrics.counter(session.of(value), name).inc();
        return value;
    }
}
