package org.neuroloop.closedloop.policy;

/** Which clock "now" is for the stimulation policy. */
public enum DecisionClock {
    /**
     * The decision's own timestamp (the recording's clock): replay at any speed makes the decisions the live job
     * made on the same samples, and phase-targeted commands go out at once carrying their scheduled time.
     */
    RECORDING,
    /** The LSL clock when the decision arrives (live sessions); phase-targeted commands wait for a timer. */
    LSL
}
