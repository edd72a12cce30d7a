package org.neuroloop.closedloop.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The warm-up exercises the firing path (the one a real stimulus takes), whatever the session's own settings. */
class StimulationPolicyWarmUpTest {

    @Test
    void everyWarmUpRoundFires() {
        assertEquals(500, new StimulationPolicy(PolicyConfig.defaults()).warmUp(500));
        assertEquals(
                500,
                new StimulationPolicy(PolicyConfig.defaults().withLimits(30.0, 1, 1)).warmUp(500),
                "a scratch state per round: refractory, rate and budget of the config never block it");
    }
}
