package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroloop.classifiers.sleep.PhaseErrorStats;
import org.neuroloop.classifiers.sleep.SlowOscillationParameters;
import org.neuroloop.classifiers.sleep.SoPhaseEvaluation;
import org.neuroloop.deploy.progress.Progress;
import org.neuroloop.deploy.report.SoPhaseReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroloop evaluate so-phase}: where the causal slow-oscillation targeter would stimulate, the error against
 * the offline phase (zero-phase 0.5–2 Hz band-pass + Hilbert); circular mean and SD in degrees and the fraction
 * within ±45°.
 */
@Command(
        name = "so-phase",
        mixinStandardHelpOptions = true,
        description = "Score causal slow-oscillation phase targeting against the offline phase.")
public final class EvaluateSoPhaseCommand implements Callable<Integer> {

    @Mixin
    SignalOptions input;

    @Option(
            names = "--target-deg",
            defaultValue = "0",
            description = "Target phase in degrees (0 = up-state peak, 180 = trough). Default: ${DEFAULT-VALUE}.")
    double targetDeg;

    @Option(names = "--from", defaultValue = "0", description = "Window start, seconds. Default: ${DEFAULT-VALUE}.")
    double from;

    @Option(names = "--to", description = "Window end, seconds (default: end of the recording).")
    Double to;

    @Option(names = "--hypnogram", description = "Optional DREAMS hypnogram: count only stimuli in --stages.")
    Path hypnogram;

    @Option(
            names = "--stages",
            defaultValue = "0,1",
            description = "Stage codes counted with --hypnogram (DREAMS N3: 0,1). Default: ${DEFAULT-VALUE}.")
    String stages;

    @Option(
            names = "--epoch",
            defaultValue = "5",
            description = "Hypnogram epoch length in seconds. Default: ${DEFAULT-VALUE}.")
    double epoch;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Also write an HTML report with a polar histogram" + " of the phases at stimulation.")
    Path report;

    @Override
    public Integer call() throws Exception {
        try {
            SleepSignal s;
            double end;
            SoPhaseEvaluation.Result r;
            // two stages: reading the signal (a night as text takes a while), then targeting and scoring
            try (Progress progress = Progress.start("evaluate so-phase", 2, "stages")) {
                progress.extra("reading " + input.signal.getFileName());
                s = input.load();
                progress.step();
                end = to == null ? s.duration() : to;
                if (!(end > from)) {
                    throw new IllegalArgumentException("--to (" + end + ") must be greater than --from (" + from + ")");
                }
                boolean[] mask = s.gate(hypnogram, epoch, SleepSignal.stages(stages));
                progress.extra("targeting " + Math.round(s.duration()) + " s");
                r = SoPhaseEvaluation.evaluate(
                        s.x(),
                        s.fs(),
                        0,
                        SlowOscillationParameters.defaults(),
                        Math.toRadians(targetDeg),
                        mask,
                        from,
                        end);
                progress.step();
            }
            PhaseErrorStats st = r.stats();
            if (report != null) {
                double[] phases = new double[r.errors().length];
                for (int i = 0; i < phases.length; i++) {
                    // the error is wrap(reference - target): the reference phase itself is target + error
                    phases[i] = r.errors()[i] + Math.toRadians(targetDeg);
                }
                new SoPhaseReport(input.signal.getFileName().toString(), phases, Math.toRadians(targetDeg), st)
                        .page()
                        .write(report);
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("signal", input.signal.toString());
            o.put("target_deg", targetDeg);
            o.put("from", from);
            o.put("to", end);
            o.put("n_targets", st.n());
            o.put("mean_error_deg", st.n() == 0 ? null : st.meanDeg());
            o.put("sd_error_deg", st.n() == 0 ? null : st.sdDeg());
            o.put("within_45deg", st.n() == 0 ? null : st.within45());
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                System.out.printf(
                        Locale.ROOT,
                        "%s: %d targets, mean error %.1f deg, circular SD %.1f deg, %.0f%% within 45 deg%n",
                        input.signal.getFileName(),
                        st.n(),
                        st.meanDeg(),
                        st.sdDeg(),
                        100 * st.within45());
            }
            return 0;
        } catch (IllegalArgumentException | NoSuchFileException e) {
            System.err.println("evaluate so-phase: " + e.getMessage());
            return 2;
        }
    }
}
