package org.neuroloop.closedloop.policy;

import java.io.Serializable;

/**
 * Hyper-parameters of the {@link StimulationPolicy}; plain data, validated once.
 *
 * <p>Times are seconds on the LSL clock. A decision is <em>positive</em> when its value reaches
 * {@code onThreshold}; after {@code minConsecutive} positive decisions in a row the trigger latches and one
 * command is issued; it re-opens only when a value falls below {@code offThreshold} (hysteresis,
 * {@code offThreshold <= onThreshold}). Detected events are positive decisions by construction.
 *
 * @param action what to deliver, e.g. "pulse", "audio"
 * @param onThreshold value at or above which a decision is positive
 * @param offThreshold value below which the latched trigger re-opens
 * @param minConsecutive positive decisions in a row needed to fire (>= 1)
 * @param refractorySeconds minimum spacing between two delivered (scheduled) stimulation times
 * @param maxPerMinute at most this many stimulations in any 60 s window of scheduled times (>= 1)
 * @param sessionBudget total stimulations allowed per session (>= 0)
 * @param maxLeadSeconds phase-targeted commands further in the future than this are dropped
 * @param lateToleranceSeconds a target time this far in the past still counts as on time; later ones expire
 * @param sham log what would be done without delivering (commands carry {@code sham = true})
 * @param armedAtStart whether a new session starts armed (false: wait for an "arm" control marker)
 * @param maxDecisionAgeSeconds an immediate command whose causing sample is older than this when decided is dropped
 *                              ({@link Verdict#EXPIRED}): a backlogged pipeline must not stimulate on stale data
 */
public record PolicyConfig(
        String action,
        double onThreshold,
        double offThreshold,
        int minConsecutive,
        double refractorySeconds,
        int maxPerMinute,
        int sessionBudget,
        double maxLeadSeconds,
        double lateToleranceSeconds,
        boolean sham,
        boolean armedAtStart,
        double maxDecisionAgeSeconds)
        implements Serializable {

    /** Length of the rate-limit window. */
    public static final double RATE_WINDOW_SECONDS = 60.0;
    /** Default {@link #maxDecisionAgeSeconds}: far above the measured end-to-end latency, far below an SO half-wave. */
    public static final double DEFAULT_MAX_DECISION_AGE_SECONDS = 0.1;

    /** The configuration with the default {@link #DEFAULT_MAX_DECISION_AGE_SECONDS}. */
    public PolicyConfig(
            String action,
            double onThreshold,
            double offThreshold,
            int minConsecutive,
            double refractorySeconds,
            int maxPerMinute,
            int sessionBudget,
            double maxLeadSeconds,
            double lateToleranceSeconds,
            boolean sham,
            boolean armedAtStart) {
        this(
                action,
                onThreshold,
                offThreshold,
                minConsecutive,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLeadSeconds,
                lateToleranceSeconds,
                sham,
                armedAtStart,
                DEFAULT_MAX_DECISION_AGE_SECONDS);
    }

    public PolicyConfig {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("policy config: action must be non-empty, got '" + action + "'");
        }
        if (!(onThreshold == onThreshold) || !(offThreshold == offThreshold) || offThreshold > onThreshold) {
            throw new IllegalArgumentException("policy config: need offThreshold <= onThreshold (hysteresis), got on="
                    + onThreshold + " off=" + offThreshold);
        }
        if (minConsecutive < 1) {
            throw new IllegalArgumentException("policy config: minConsecutive must be >= 1, got " + minConsecutive);
        }
        if (!(refractorySeconds >= 0) || Double.isInfinite(refractorySeconds)) {
            throw new IllegalArgumentException(
                    "policy config: refractorySeconds must be finite and >= 0, got " + refractorySeconds);
        }
        if (maxPerMinute < 1) {
            throw new IllegalArgumentException("policy config: maxPerMinute must be >= 1, got " + maxPerMinute);
        }
        if (sessionBudget < 0) {
            throw new IllegalArgumentException("policy config: sessionBudget must be >= 0, got " + sessionBudget);
        }
        if (!(maxDecisionAgeSeconds > 0)) {
            throw new IllegalArgumentException(
                    "policy config: maxDecisionAgeSeconds must be > 0, got " + maxDecisionAgeSeconds);
        }
        if (!(maxLeadSeconds >= 0) || !(lateToleranceSeconds >= 0)) {
            throw new IllegalArgumentException(
                    "policy config: maxLeadSeconds and lateToleranceSeconds must be >= 0, got " + maxLeadSeconds + ", "
                            + lateToleranceSeconds);
        }
    }

    /** Defaults for event-driven stimulation: fire on every event, 2 s refractory, 20/min, 500 per session, armed. */
    public static PolicyConfig defaults() {
        return new PolicyConfig("pulse", 0.5, 0.5, 1, 2.0, 20, 500, 2.0, 0.002, false, true);
    }

    public PolicyConfig withThresholds(double on, double off) {
        return new PolicyConfig(
                action,
                on,
                off,
                minConsecutive,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLeadSeconds,
                lateToleranceSeconds,
                sham,
                armedAtStart,
                maxDecisionAgeSeconds);
    }

    public PolicyConfig withMinConsecutive(int n) {
        return new PolicyConfig(
                action,
                onThreshold,
                offThreshold,
                n,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLeadSeconds,
                lateToleranceSeconds,
                sham,
                armedAtStart,
                maxDecisionAgeSeconds);
    }

    public PolicyConfig withLimits(double refractory, int perMinute, int budget) {
        return new PolicyConfig(
                action,
                onThreshold,
                offThreshold,
                minConsecutive,
                refractory,
                perMinute,
                budget,
                maxLeadSeconds,
                lateToleranceSeconds,
                sham,
                armedAtStart,
                maxDecisionAgeSeconds);
    }

    public PolicyConfig withTiming(double maxLead, double lateTolerance) {
        return new PolicyConfig(
                action,
                onThreshold,
                offThreshold,
                minConsecutive,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLead,
                lateTolerance,
                sham,
                armedAtStart,
                maxDecisionAgeSeconds);
    }

    public PolicyConfig withSham(boolean s) {
        return new PolicyConfig(
                action,
                onThreshold,
                offThreshold,
                minConsecutive,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLeadSeconds,
                lateToleranceSeconds,
                s,
                armedAtStart,
                maxDecisionAgeSeconds);
    }

    public PolicyConfig withArmedAtStart(boolean a) {
        return new PolicyConfig(
                action,
                onThreshold,
                offThreshold,
                minConsecutive,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLeadSeconds,
                lateToleranceSeconds,
                sham,
                a,
                maxDecisionAgeSeconds);
    }

    public PolicyConfig withAction(String a) {
        return new PolicyConfig(
                a,
                onThreshold,
                offThreshold,
                minConsecutive,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLeadSeconds,
                lateToleranceSeconds,
                sham,
                armedAtStart,
                maxDecisionAgeSeconds);
    }

    public PolicyConfig withMaxDecisionAge(double seconds) {
        return new PolicyConfig(
                action,
                onThreshold,
                offThreshold,
                minConsecutive,
                refractorySeconds,
                maxPerMinute,
                sessionBudget,
                maxLeadSeconds,
                lateToleranceSeconds,
                sham,
                armedAtStart,
                seconds);
    }
}
