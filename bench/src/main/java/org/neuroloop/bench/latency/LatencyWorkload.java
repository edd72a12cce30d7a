package org.neuroloop.bench.latency;

import static org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark.BURST_SAMPLES;
import static org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark.BURST_UV;
import static org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark.SPINDLES_PER_MINUTE;
import static org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark.THRESHOLD_UV;

import java.io.IOException;
import java.nio.file.Path;
import org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark.Config;
import org.neuroloop.bench.latency.ClosedLoopLatencyBenchmark.Pipeline;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.closedloop.latency.LatencyStats;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.RecordedStream;

/**
 * What one pipeline of the {@link ClosedLoopLatencyBenchmark} runs on: the signal the outlet publishes with its
 * planted events, the resolved config of the job, and for the deep pipelines the model (given, or trained by
 * {@link BenchModels}) and its offline per-decision inference time.
 *
 * @param signal the published signal
 * @param rate its rate, Hz (the recording's for the motor-imagery replay)
 * @param background largest background amplitude on the trigger channel (threshold pipeline; NaN otherwise)
 * @param model the deep pipelines' model file, else null
 * @param inference the deep pipelines' per-decision inference time, else null
 * @param resolved the config the job runs
 */
record LatencyWorkload(
        BenchmarkSignal signal,
        double rate,
        double background,
        Path model,
        LatencyStats inference,
        ResolvedConfig resolved) {

    /**
     * Builds the workload of {@code config.pipeline()}.
     *
     * @param ackDir a temporary folder, where a model the benchmark trains is written
     */
    static LatencyWorkload of(Config config, String eegName, String stimName, Path ackLog, Path ackDir)
            throws IOException {
        double total = config.warmupSeconds() + config.seconds();
        return switch (config.pipeline()) {
            case THRESHOLD -> bursts(config, total, eegName, stimName, ackLog);
            case MI_DEEP -> motorImagery(config, total, eegName, stimName, ackLog, ackDir);
            default -> spindles(config, total, eegName, stimName, ackLog, ackDir);
        };
    }

    private static LatencyWorkload bursts(Config config, double total, String eegName, String stimName, Path ackLog) {
        PlantedBurstSignal bursts = new PlantedBurstSignal(
                config.channels(),
                config.rate(),
                total,
                0,
                BURST_UV,
                BURST_SAMPLES,
                Math.min(1.0, total / 4),
                0.4,
                0.6,
                config.seed());
        double background = bursts.maxBackgroundUv(0, BURST_SAMPLES);
        if (background >= THRESHOLD_UV / 2) {
            throw new IllegalStateException(
                    "benchmark signal background reaches " + background + " µV, too close to the threshold");
        }
        return new LatencyWorkload(
                bursts,
                config.rate(),
                background,
                null,
                null,
                LatencyConfigs.resolve(config, eegName, stimName, ackLog, 0, null));
    }

    private static LatencyWorkload motorImagery(
            Config config, double total, String eegName, String stimName, Path ackLog, Path ackDir) throws IOException {
        Path model = config.model() != null ? config.model() : BenchModels.simpleConv(config.eegmmidb(), ackDir);
        ResolvedConfig resolved = LatencyConfigs.resolve(config, eegName, stimName, ackLog, 0, model);
        RecordedStream eeg = EdfReader.read(config.eegmmidb().resolve(BenchModels.MI_REPLAY))
                .mainStream()
                .orElseThrow();
        ResolvedConfig.Classifier c = resolved.pipeline().classifier();
        MotorImageryReplaySignal replay = new MotorImageryReplaySignal(
                eeg,
                total,
                c.network(),
                c.stepSeconds(),
                c.targetClass(),
                resolved.pipeline().policy());
        return new LatencyWorkload(replay, eeg.nominalRate(), Double.NaN, model, replay.inference(), resolved);
    }

    private static LatencyWorkload spindles(
            Config config, double total, String eegName, String stimName, Path ackLog, Path ackDir) throws IOException {
        SleepSpindleSignal sleep =
                new SleepSpindleSignal(config.channels(), config.rate(), total, SPINDLES_PER_MINUTE, config.seed());
        int detectorChannel = sleep.czChannel();
        Path model = null;
        LatencyStats inference = null;
        if (config.pipeline() == Pipeline.SPINDLES_NET) {
            model = config.model() != null
                    ? config.model()
                    : BenchModels.spindleNet(config.channels(), config.rate(), config.seed(), ackDir);
            inference = SpindleNetTiming.of(SpindleNetModel.load(model), sleep, detectorChannel, config.rate());
        }
        ResolvedConfig resolved = LatencyConfigs.resolve(config, eegName, stimName, ackLog, detectorChannel, model);
        return new LatencyWorkload(sleep, config.rate(), Double.NaN, model, inference, resolved);
    }
}
