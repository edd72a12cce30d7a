package org.neuroloop.deploy.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.neuroloop.dsp.flink.SessionMetrics;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Pass-through on the live command stream that records, per session, the latency from the causing sample to the
 * moment the command leaves the policy, in microseconds, in the histogram {@code session.<id>.latencyMicros}
 * (both times on the LSL clock, {@code System.nanoTime()} on Linux). The outputs then add their own transport
 * time, which they report in their acknowledgements.
 */
final class SessionLatency extends RichMapFunction<StimulationCommand, StimulationCommand> {
    private static final long serialVersionUID = 1L;
    private transient SessionMetrics metrics;

    @Override
    public void open(OpenContext ctx) {
        metrics = new SessionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public StimulationCommand map(StimulationCommand c) {
        double now = System.nanoTime() * 1e-9;
        metrics.histogram(c.sessionId(), "latencyMicros").update(Math.round((now - c.causeTimestamp()) * 1e6));
        return c;
    }
}
