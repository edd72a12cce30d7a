package org.neuroloop.closedloop.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neuroloop.dsp.record.Marker;

class ControlMarkersTest {

    @Test
    void routesToTheNamedSessionOrTheStreamsOwn() {
        assertEquals(
                Optional.of(new Marker("S7", 12.5, "stop", 0)),
                ControlMarkers.route(new Marker("control", 12.5, "stop@S7", 0)));
        assertEquals(
                Optional.of(new Marker("control", 1, "ARM", 0)),
                ControlMarkers.route(new Marker("control", 1, " ARM ", 0)));
        assertTrue(ControlMarkers.route(new Marker("control", 1, "T1", 0)).isEmpty(), "not a control label");
        assertTrue(ControlMarkers.route(new Marker("control", 1, "arm@", 0)).isEmpty(), "no session after @");
    }

    @Test
    void labelsRoundTripThroughTheParser() {
        for (ControlAction a : ControlAction.values()) {
            Marker routed = ControlMarkers.route(new Marker("x", 0, ControlMarkers.label(a, "S1"), 0))
                    .orElseThrow();
            assertEquals("S1", routed.sessionId());
            assertEquals(Optional.of(a), ControlAction.parse(routed.label()));
        }
    }
}
