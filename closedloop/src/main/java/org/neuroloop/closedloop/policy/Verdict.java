package org.neuroloop.closedloop.policy;

/** Why the policy did or did not issue a command for one input. */
public enum Verdict {
    /** A command was issued. */
    FIRED,
    /** The value is below the on-threshold (or the trigger just re-opened). */
    BELOW_THRESHOLD,
    /** Positive, but fewer than {@code minConsecutive} positives in a row so far. */
    ACCUMULATING,
    /** Positive, but the trigger already fired for this crossing (hysteresis). */
    LATCHED,
    /** The input carried a bad-data flag. */
    BAD_DATA,
    /** The input's timestamp is not after the previous one (clock jump, replayed or reordered input). */
    NON_MONOTONIC_TIME,
    /** The session is disarmed. */
    DISARMED,
    /** An emergency stop is in force. */
    EMERGENCY_STOP,
    /** Scheduled time within the refractory period of the previous stimulation. */
    REFRACTORY,
    /** Issuing would exceed the per-minute rate limit. */
    RATE_LIMITED,
    /** The session's stimulation budget is spent. */
    BUDGET_SPENT,
    /** The phase target has already passed. */
    EXPIRED,
    /** The phase target lies implausibly far ahead. */
    TOO_FAR_AHEAD
}
