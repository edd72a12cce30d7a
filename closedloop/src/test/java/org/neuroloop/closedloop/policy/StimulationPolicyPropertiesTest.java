package org.neuroloop.closedloop.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.neuroloop.dsp.record.ChunkFlags;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Safety laws of {@link StimulationPolicy} over arbitrary input sequences: random decisions, adversarial bursts of
 * events microseconds apart, NaN storms, backwards and forwards clock jumps, reconnects (gap/stale flags), and
 * arm/disarm/stop/reset at arbitrary points.
 */
class StimulationPolicyPropertiesTest {

    /** One step of a session: an input (prediction or event) or a control action. */
    record Step(ControlAction control, boolean event, double dt, double value, int flags, double targetOffset) {}

    record Fired(StimulationCommand cmd, int flags, boolean armedOracle, boolean stoppedOracle) {}

    static Arbitrary<Double> dts() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.doubles().between(0.0, 0.01).ofScale(6)), // adversarial bursts
                Tuple.of(40, Arbitraries.doubles().between(0.01, 5.0).ofScale(4)), // ordinary pacing
                Tuple.of(4, Arbitraries.doubles().between(5.0, 120.0)), // idle / forward jump
                Tuple.of(4, Arbitraries.doubles().between(-5.0, -0.001).ofScale(6)), // small backwards jump
                Tuple.of(1, Arbitraries.doubles().between(-1000.0, -5.0)), // large backwards jump
                Tuple.of(2, Arbitraries.just(Double.NaN))); // NaN timestamp
    }

    static Arbitrary<Double> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.doubles().between(0.0, 1.0)),
                Tuple.of(2, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300)));
    }

    static Arbitrary<Integer> flags() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(ChunkFlags.END_OF_STREAM)),
                Tuple.of(3, Arbitraries.integers().between(1, 255))); // NaN storms, reconnects, ...
    }

    static Arbitrary<Double> targetOffsets() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Double.NaN)),
                Tuple.of(3, Arbitraries.doubles().between(-0.5, 3.0)),
                Tuple.of(1, Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    }

    static Arbitrary<Step> steps() {
        Arbitrary<ControlAction> control = Arbitraries.frequencyOf(
                Tuple.of(60, Arbitraries.just((ControlAction) null)),
                Tuple.of(1, Arbitraries.of(ControlAction.values())));
        return Combinators.combine(control, Arbitraries.of(true, false), dts(), values(), flags(), targetOffsets())
                .as(Step::new);
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        return steps().list().ofMinSize(30).ofMaxSize(400);
    }

    @Provide
    Arbitrary<PolicyConfig> configs() {
        return Combinators.combine(
                        Arbitraries.doubles().between(0.3, 0.9),
                        Arbitraries.doubles().between(0.0, 0.3),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.doubles().between(0.0, 10.0),
                        Arbitraries.integers().between(1, 30),
                        Arbitraries.integers().between(0, 60),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as((on, offGap, minRun, refractory, perMinute, budget, sham, armed) -> new PolicyConfig(
                        "pulse", on, on - offGap, minRun, refractory, perMinute, budget, 2.0, 0.002, sham, armed));
    }

    /** Runs the policy and records each command with an independent model of the arm/stop switches. */
    static List<Fired> run(PolicyConfig config, List<Step> steps) {
        StimulationPolicy policy = new StimulationPolicy(config);
        PolicyState s = policy.initialState();
        boolean armed = config.armedAtStart();
        boolean stopped = false;
        double t = 1000.0;
        List<Fired> out = new ArrayList<>();
        for (Step step : steps) {
            if (step.control() != null) {
                switch (step.control()) {
                    case ARM -> armed = armed || !stopped;
                    case DISARM -> armed = false;
                    case EMERGENCY_STOP -> {
                        armed = false;
                        stopped = true;
                    }
                    case RESET -> {
                        armed = false;
                        stopped = false;
                    }
                }
                s = policy.control(s, step.control());
                continue;
            }
            double ts = Double.isNaN(step.dt()) ? Double.NaN : (t = t + step.dt());
            double target = Double.isNaN(step.targetOffset()) ? Double.NaN : ts + step.targetOffset();
            PolicyInput in = new PolicyInput(
                    "S",
                    step.event() ? "spindle" : "mi",
                    ts,
                    step.value(),
                    0.5,
                    step.event(),
                    step.event() ? target : Double.NaN,
                    step.flags());
            PolicyDecision d = policy.decide(s, in, Double.isNaN(ts) ? t : ts);
            s = d.state();
            assertEquals(d.fired(), d.command() != null, "command present iff FIRED");
            if (d.fired()) {
                out.add(new Fired(d.command(), step.flags(), armed, stopped));
            }
        }
        return out;
    }

    @Property(tries = 400)
    void neverExceedsRateLimitInAnyMinute(
            @ForAll("configs") PolicyConfig config, @ForAll("sequences") List<Step> steps) {
        List<Fired> fired = run(config, steps);
        // The laws must be exercised on sessions that do stimulate, several times within a minute.
        Statistics.collect(fired.size() >= 2 ? "stimulated repeatedly" : "at most once");
        Statistics.coverage(c -> c.check("stimulated repeatedly").percentage(p -> p > 25));
        for (int i = 0; i < fired.size(); i++) {
            double start = fired.get(i).cmd().scheduledTime();
            long inWindow = fired.stream()
                    .map(f -> f.cmd().scheduledTime())
                    .filter(x -> x >= start && x < start + PolicyConfig.RATE_WINDOW_SECONDS)
                    .count();
            assertTrue(
                    inWindow <= config.maxPerMinute(),
                    inWindow + " stimulations in the minute from " + start + ", limit " + config.maxPerMinute());
        }
    }

    @Property(tries = 400)
    void nothingFiresInTheRefractoryPeriod(
            @ForAll("configs") PolicyConfig config, @ForAll("sequences") List<Step> steps) {
        List<Fired> fired = run(config, steps);
        for (int i = 1; i < fired.size(); i++) {
            double gap =
                    fired.get(i).cmd().scheduledTime() - fired.get(i - 1).cmd().scheduledTime();
            assertTrue(
                    gap >= config.refractorySeconds(), "gap " + gap + " s < refractory " + config.refractorySeconds());
        }
    }

    @Property(tries = 400)
    void neverFiresWhileDisarmedStoppedOrOnFlaggedData(
            @ForAll("configs") PolicyConfig config, @ForAll("sequences") List<Step> steps) {
        for (Fired f : run(config, steps)) {
            assertTrue(f.armedOracle(), "fired while disarmed: " + f.cmd());
            assertFalse(f.stoppedOracle(), "fired during an emergency stop: " + f.cmd());
            assertFalse(ChunkFlags.isBad(f.flags()), "fired on flagged data " + ChunkFlags.describe(f.flags()));
            assertTrue(
                    Double.isFinite(f.cmd().causeTimestamp())
                            && Double.isFinite(f.cmd().scheduledTime()),
                    "non-finite time in " + f.cmd());
        }
    }

    @Property(tries = 400)
    void neverExceedsTheBudgetAndIdsAreUniqueAndDeterministic(
            @ForAll("configs") PolicyConfig config, @ForAll("sequences") List<Step> steps) {
        List<Fired> fired = run(config, steps);
        assertTrue(
                fired.size() <= config.sessionBudget(), fired.size() + " commands > budget " + config.sessionBudget());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < fired.size(); i++) {
            StimulationCommand c = fired.get(i).cmd();
            assertEquals("S#" + i, c.id());
            assertTrue(ids.add(c.id()));
            assertEquals(config.sham(), c.sham());
        }
        assertEquals(fired, run(config, steps), "same inputs, same commands");
    }

    @Property(tries = 300)
    void predictionsFireAtMostOncePerThresholdCrossing(
            @ForAll("configs") PolicyConfig config, @ForAll @IntRange(min = 1, max = 200) int n) {
        // A sustained supra-threshold run fires at most once, however long it lasts.
        StimulationPolicy policy =
                new StimulationPolicy(config.withArmedAtStart(true).withLimits(0.0, 30, 1000));
        PolicyState s = policy.initialState();
        int fired = 0;
        for (int i = 0; i < n; i++) {
            double ts = 10 + i * 0.1;
            PolicyDecision d =
                    policy.decide(s, new PolicyInput("S", "mi", ts, 0.95, Double.NaN, false, Double.NaN, 0), ts);
            s = d.state();
            fired += d.fired() ? 1 : 0;
        }
        assertEquals(n >= config.minConsecutive() ? 1 : 0, fired);
    }

    @Example
    void staleDecisionsAreDroppedWithoutSpendingTheBudget() {
        StimulationPolicy policy = new StimulationPolicy(
                PolicyConfig.defaults().withMaxDecisionAge(0.1).withLimits(0.0, 30, 1));
        PolicyInput late = new PolicyInput("S", "spindle", 10.0, 50, 40, true, Double.NaN, 0);
        PolicyDecision d = policy.decide(policy.initialState(), late, 10.25);
        assertEquals(Verdict.EXPIRED, d.verdict(), "decided 250 ms after its cause");
        PolicyDecision fresh =
                policy.decide(d.state(), new PolicyInput("S", "spindle", 10.3, 50, 40, true, Double.NaN, 0), 10.31);
        assertEquals(Verdict.FIRED, fresh.verdict(), "budget of 1 still available");
        assertEquals("S#0", fresh.command().id());
    }
}
