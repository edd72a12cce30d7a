package org.neuroloop.bench.latency;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.classifiers.deep.LoadedNetwork;
import org.neuroloop.classifiers.deep.simpleconv.EpochResampling;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.closedloop.latency.LatencyStats;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.closedloop.policy.PolicyDecision;
import org.neuroloop.closedloop.policy.PolicyInput;
import org.neuroloop.closedloop.policy.PolicyState;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.dsp.filter.SosFilter;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.RecordedStream;

/**
 * Benchmark signal for the deep motor-imagery pipeline: a recorded EEG stream (repeated when the run is longer),
 * published as recorded. Its events are the decisions that must stimulate, found offline by the same steps the job
 * runs (zero-state band-pass, the decoder's window and step, the subject's alignment, resampling, one forward pass,
 * then the policy of the benchmark's config), so an online marker whose cause is one of them is a detection and any
 * other is a false stimulation. The offline pass also times every decision: the per-decision inference time.
 */
public final class MotorImageryReplaySignal implements BenchmarkSignal {
    /** Decisions left out of the timing: the first forward passes load and compile PyTorch's kernels. */
    static final int WARMUP_DECISIONS = 20;

    private final int channels;
    private final float[] samples;
    private final List<EventWindow> events = new ArrayList<>();
    private final LatencyStats inference;
    private final int decisions;

    /**
     * @param stream the recording's EEG stream, at the model's channels and rate
     * @param seconds length of the published signal
     * @param model the subject-fine-tuned network
     * @param stepSeconds decision step of the config's classifier
     * @param targetClass the class whose probability drives the policy
     * @param policy the config's policy
     */
    public MotorImageryReplaySignal(
            RecordedStream stream,
            double seconds,
            SimpleConvModel model,
            double stepSeconds,
            int targetClass,
            PolicyConfig policy) {
        channels = stream.channelCount();
        double fs = stream.nominalRate();
        model.requireCompatible(stream.channelLabels(), fs, "bench latency recording " + stream.name());
        int total = (int) Math.round(seconds * fs);
        samples = new float[total * channels];
        double[] x = stream.samples();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) x[i % x.length];
        }
        double[] asPublished = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            asPublished[i] = samples[i];
        }
        double[] filtered =
                SosFilter.zeroState(model.band().design(fs), channels).process(asPublished);
        int w = model.epochSamples();
        int step = Math.max(1, (int) Math.round(stepSeconds * fs));
        double[][] epoch = new double[channels][w];
        double[][] aligned = new double[channels][w];
        float[] input = new float[channels * model.networkSamples()];
        double[] p1 = new double[1];
        List<Double> times = new ArrayList<>();
        int count = 0;
        StimulationPolicy rules = new StimulationPolicy(policy);
        PolicyState state = rules.initialState();
        try (LoadedNetwork network = model.inference()) {
            for (int seq = w - 1; seq < total; seq++) {
                if ((seq + 1) % step != 0) {
                    continue;
                }
                long start = System.nanoTime();
                for (int t = 0; t < w; t++) {
                    int row = (seq - w + 1 + t) * channels;
                    for (int c = 0; c < channels; c++) {
                        epoch[c][t] = filtered[row + c];
                    }
                }
                model.alignment().apply(epoch, aligned);
                EpochResampling.write(aligned, fs, model.config().resampleHz(), input, 0);
                network.predictProba1(input, 1, p1);
                if (++count > WARMUP_DECISIONS) {
                    times.add((System.nanoTime() - start) / 1e9);
                }
                double p = p1[0];
                double t = seq / fs;
                Prediction prediction = new Prediction("bench", t, new double[] {1 - p, p}, p > 0.5 ? 1 : 0, 0);
                PolicyDecision d = rules.decide(state, PolicyInput.of(prediction, targetClass), t);
                state = d.state();
                if (d.command() != null) {
                    events.add(new EventWindow(seq, seq));
                }
            }
        }
        decisions = count;
        inference = LatencyStats.ofSeconds(
                times.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Time of one decision (window copy, alignment, resampling, forward pass) over the signal's decisions after the
     * first {@value #WARMUP_DECISIONS}.
     */
    public LatencyStats inference() {
        return inference;
    }

    public int decisions() {
        return decisions;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public float[] samples() {
        return samples;
    }

    @Override
    public List<EventWindow> events() {
        return events;
    }
}
