package org.neuroloop.classifiers.sleep;

/**
 * A stimulation decision of the slow-oscillation targeter.
 *
 * @param firedAt time of the deciding sample, seconds
 * @param targetTime when the stimulus should land (= firedAt when stimulating at the crossing), seconds
 * @param estimatedPhase ecHT phase at the decision, radians
 * @param predictedAtArm the up-state time predicted when the half-wave qualified, seconds
 * @param halfWave the negative half-wave that armed the targeter
 */
public record PhaseTarget(
        double firedAt, double targetTime, double estimatedPhase, double predictedAtArm, NegativeHalfWave halfWave) {}
