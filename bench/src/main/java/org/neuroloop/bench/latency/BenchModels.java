package org.neuroloop.bench.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.classifiers.deep.TrainingProgress;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvConfig;
import org.neuroloop.classifiers.deep.simpleconv.SimpleConvModel;
import org.neuroloop.classifiers.deep.simpleconv.SubjectTrials;
import org.neuroloop.classifiers.deep.spindles.LabelledSignal;
import org.neuroloop.classifiers.deep.spindles.SpindleNetConfig;
import org.neuroloop.classifiers.deep.spindles.SpindleNetModel;
import org.neuroloop.classifiers.mi.Band;
import org.neuroloop.classifiers.mi.ClassLabels;
import org.neuroloop.classifiers.mi.EpochWindow;
import org.neuroloop.classifiers.mi.MotorImageryEpochs;
import org.neuroloop.classifiers.sleep.Interval;
import org.neuroloop.ingest.recording.EdfReader;
import org.neuroloop.ingest.recording.Recording;

/**
 * The deep models {@code bench latency} runs when none is given: trained in seconds by the benchmark itself, because
 * inference time and latency depend on the network's size, not on how well it was trained. The simpleconv model has
 * the default size ({@link SimpleConvConfig#DEFAULT}: same maps, kernel and blocks as a real one) with a short
 * schedule; the spindle network has the default size, trained on a synthetic night with planted spindles.
 */
public final class BenchModels {
    /** Subject the simpleconv model is fine-tuned on; its imagery run R08 is the replayed signal. */
    public static final String MI_SUBJECT = "S001";

    static final String MI_PRETRAIN = "S006R04.edf";
    static final String MI_FINE_TUNE = "S001R04.edf";
    /** The recording the deep MI pipeline replays by default. */
    public static final String MI_REPLAY = "S001R08.edf";

    static final Band MI_BAND = new Band(8, 30);
    static final EpochWindow MI_WINDOW = new EpochWindow(0.5, 2.5);

    private BenchModels() {}

    /**
     * A subject-fine-tuned simpleconv model: pretrained for 10 epochs on {@value #MI_PRETRAIN}, fine-tuned for 10 on
     * {@value #MI_FINE_TUNE}, written to {@code dir}.
     *
     * @param eegmmidb folder of the EEGMMIDB recordings
     */
    public static Path simpleConv(Path eegmmidb, Path dir) throws IOException {
        SimpleConvConfig quick = SimpleConvConfig.DEFAULT.withSchedule(10, 10);
        SimpleConvModel pre = SimpleConvModel.pretrain(
                quick, List.of(subject("S006", eegmmidb, MI_PRETRAIN)), MI_BAND, MI_WINDOW, TrainingProgress.SILENT);
        SubjectTrials target = subject(MI_SUBJECT, eegmmidb, MI_FINE_TUNE);
        Path out = dir.resolve("bench-simpleconv.model");
        pre.fineTune(target.aligned(), target.trials().labels(), target.alignment(), TrainingProgress.SILENT)
                .save(out);
        return out;
    }

    private static SubjectTrials subject(String name, Path dir, String file) throws IOException {
        Path f = dir.resolve(file);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("bench latency: no " + f + " to train the simpleconv model on"
                    + " (give --data FOLDER or --model FINE_TUNED.model)");
        }
        Recording r = EdfReader.read(f);
        return SubjectTrials.of(
                name,
                MotorImageryEpochs.extract(
                        List.of(r), List.of(file), ClassLabels.parse("T1=left,T2=right"), MI_WINDOW, MI_BAND));
    }

    /**
     * A spindle network of the default size trained for 2 epochs on 5 minutes of the benchmark's synthetic sleep EEG
     * (another seed than the measured signal), channel Cz, labelled with its planted spindles; written to {@code dir}.
     */
    public static Path spindleNet(int channels, double rate, long seed, Path dir) throws IOException {
        double seconds = 300;
        SleepSpindleSignal night = new SleepSpindleSignal(
                channels, rate, seconds, ClosedLoopLatencyBenchmark.SPINDLES_PER_MINUTE, seed + 7919);
        double[] x = new double[night.length()];
        for (int k = 0; k < x.length; k++) {
            x[k] = night.samples()[k * channels + night.czChannel()];
        }
        List<Interval> spindles = new ArrayList<>();
        for (BenchmarkSignal.EventWindow e : night.events()) {
            spindles.add(new Interval(e.firstSample() / rate, e.lastSample() / rate));
        }
        LabelledSignal labelled =
                new LabelledSignal("synthetic sleep, seed " + (seed + 7919), x, rate, spindles, List.of(), seconds);
        Path out = dir.resolve("bench-spindle-net.model");
        SpindleNetModel.train(SpindleNetConfig.DEFAULT.withEpochs(2), List.of(labelled), TrainingProgress.SILENT)
                .save(out);
        return out;
    }
}
