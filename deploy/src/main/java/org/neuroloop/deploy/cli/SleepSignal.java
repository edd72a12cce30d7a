package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.neuroloop.classifiers.sleep.Hypnogram;
import org.neuroloop.ingest.recording.RecordedStream;
import org.neuroloop.ingest.recording.Recording;
import org.neuroloop.ingest.recording.Recordings;

/**
 * One channel of a recording for the sleep commands: EDF/BDF/XDF/GDF/BrainVision through the ingest readers, or
 * plain text (one value per line, optional bracketed first line) which needs {@code --fs}. Times are seconds from
 * the first sample, the time base of the DREAMS scorings and of {@code --from/--to}.
 *
 * @param x samples of the channel, µV
 * @param fs sampling rate, Hz
 * @param label channel label
 */
public record SleepSignal(double[] x, double fs, String label) {

    public static SleepSignal load(Path file, Double fs, String channel) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean text = name.endsWith(".txt") || name.endsWith(".csv") || name.endsWith(".dat");
        if (text && fs == null) {
            throw new IllegalArgumentException(file + ": a plain-text signal carries no sampling rate; give --fs HZ");
        }
        if (fs != null && !(fs > 0)) {
            throw new IllegalArgumentException("--fs must be > 0 Hz, got " + fs);
        }
        Recording r = Recordings.open(file, fs == null ? Double.NaN : fs);
        RecordedStream s = r.mainStream()
                .orElseThrow(() -> new IllegalArgumentException(file + ": no numeric stream with samples"));
        int c = 0;
        if (channel != null) {
            c = s.indexOf(channel);
            if (c < 0) {
                throw new IllegalArgumentException(
                        file + ": no channel '" + channel + "'; channels are " + s.channelLabels());
            }
        }
        double rate = s.nominalRate();
        if (!(rate > 0)) {
            throw new IllegalArgumentException(
                    file + ": stream '" + s.name() + "' has no nominal sampling rate (irregular stream)");
        }
        return new SleepSignal(s.channel(c), rate, s.channelLabels().get(c));
    }

    double duration() {
        return x.length / fs;
    }

    /** Per-sample gate from a DREAMS hypnogram and the allowed stage codes; null when no hypnogram is given. */
    boolean[] gate(Path hypnogram, double epochSeconds, Set<Integer> stages) throws IOException {
        return hypnogram == null
                ? null
                : Hypnogram.read(hypnogram, epochSeconds).mask(x.length, fs, stages);
    }

    static Set<Integer> stages(String csv) {
        Set<Integer> s = new TreeSet<>();
        for (String p : csv.split(",")) {
            try {
                s.add(Integer.parseInt(p.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--stages expects comma-separated stage codes (e.g. 0,1,2), found '" + p + "'");
            }
        }
        return s;
    }
}
