package org.neuroloop.bench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests, one per {@link FuzzTargets target}. In a plain {@code mvn verify} (regression mode) each
 * replays the empty input and the findings committed under {@code FuzzRegressionTestInputs/METHOD/} in the test
 * resources: inputs that once broke the {@link FuzzContract} and must not again. With {@code JAZZER_FUZZ=1} Jazzer
 * fuzzes the one selected method; {@code neuroloop fuzz} and {@link FuzzCampaignTest} fuzz every target.
 */
class FuzzRegressionTest {

    @FuzzTest
    void xdf(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("xdf"), input);
    }

    @FuzzTest
    void edf(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("edf"), input);
    }

    @FuzzTest
    void bdf(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("bdf"), input);
    }

    @FuzzTest
    void gdf(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("gdf"), input);
    }

    @FuzzTest
    void text(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("text"), input);
    }

    @FuzzTest
    void brainvision(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("brainvision"), input);
    }

    @FuzzTest
    void sessionConfig(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("session-config"), input);
    }

    @FuzzTest
    void lslApiCfg(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("lsl-api-cfg"), input);
    }

    @FuzzTest
    void lslStreamInfo(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("lsl-stream-info"), input);
    }

    @FuzzTest
    void lslSamples(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("lsl-samples"), input);
    }

    @FuzzTest
    void lslFeedHandshake(byte[] input) {
        FuzzContract.check(FuzzTargets.byName("lsl-feed-handshake"), input);
    }
}
