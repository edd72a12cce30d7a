package org.neuroloop.closedloop.policy.flink;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.closedloop.policy.ControlMarkers;
import org.neuroloop.dsp.record.Marker;

/**
 * Keeps the control markers of a marker stream and re-keys each to the session it commands ({@link
 * ControlMarkers#route}):
 * {@code "stop"} on a session's own stream, or {@code "stop@night2"} from any stream. Put it before the policy's
 * control input is keyed by session.
 */
public final class ControlRouting implements FlatMapFunction<Marker, Marker> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Marker m, Collector<Marker> out) {
        ControlMarkers.route(m).ifPresent(out::collect);
    }
}
