package org.neuroloop.closedloop.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Commands on the control input (an LSL marker stream or the CLI). An emergency stop latches: only {@link #RESET}
 * lifts it, and the session then stays disarmed until {@link #ARM}.
 */
public enum ControlAction {
    ARM,
    DISARM,
    EMERGENCY_STOP,
    RESET;

    /**
     * Parses a marker label: "arm", "disarm", "stop"/"emergency-stop"/"estop", "reset" (case-insensitive);
     * empty for any other label, which the policy ignores.
     */
    public static Optional<ControlAction> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "arm" -> Optional.of(ARM);
            case "disarm" -> Optional.of(DISARM);
            case "stop", "estop", "emergency-stop", "emergency_stop" -> Optional.of(EMERGENCY_STOP);
            case "reset" -> Optional.of(RESET);
            default -> Optional.empty();
        };
    }
}
