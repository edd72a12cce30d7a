package org.neuroloop.closedloop.policy;

import java.util.Optional;
import org.neuroloop.dsp.record.Marker;

/**
 * Routing of control markers to the session they command. A control stream carries labels {@code "<action>"} (for
 * the session its stream is mapped to) or {@code "<action>@<session>"} (for the named session), with the actions of
 * {@link ControlAction#parse}. {@code neuroloop stim control} writes them.
 */
public final class ControlMarkers {
    private ControlMarkers() {}

    /** The text of a control marker for {@code session} (null or blank: the stream's own session). */
    public static String label(ControlAction action, String session) {
        String a = switch (action) {
            case ARM -> "arm";
            case DISARM -> "disarm";
            case EMERGENCY_STOP -> "stop";
            case RESET -> "reset";
        };
        return session == null || session.isBlank() ? a : a + "@" + session;
    }

    /**
     * The marker as the policy operator should see it: keyed by the target session and labelled with the bare
     * action; empty if it is not a control marker.
     */
    public static Optional<Marker> route(Marker m) {
        String label = m.label().trim();
        int at = label.indexOf('@');
        String action = at < 0 ? label : label.substring(0, at);
        String session = at < 0 ? m.sessionId() : label.substring(at + 1).trim();
        if (ControlAction.parse(action).isEmpty() || session.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Marker(session, m.timestamp(), action.trim(), m.duration()));
    }
}
