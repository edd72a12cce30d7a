package org.neuroloop.bench.latency;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.ingest.synthetic.EventSchedule;
import org.neuroloop.ingest.synthetic.Montage1020;
import org.neuroloop.ingest.synthetic.PlantedEvent;
import org.neuroloop.ingest.synthetic.SignalLevels;
import org.neuroloop.ingest.synthetic.SyntheticEeg;
import org.neuroloop.ingest.synthetic.SyntheticEegConfig;

/**
 * Benchmark signal for the spindle pipeline: the synthetic EEG ({@link org.neuroloop.ingest.synthetic.SyntheticEeg})
 * with background levels only (sleep has no alpha or
 * mu rhythm) and a sleep schedule of spindles (12–15 Hz, 0.5–2 s, 25–45 µV, strongest at Cz) and slow oscillations.
 * A spindle counts as detected by a decision caused anywhere from its onset to its end.
 */
public final class SleepSpindleSignal implements BenchmarkSignal {
    private final int channels;
    private final int czChannel;
    private final float[] samples;
    private final List<EventWindow> events = new ArrayList<>();

    /**
     * @param channels channel count; Cz is always one of them
     * @param rate Hz
     * @param seconds length
     * @param spindlesPerMinute average planted spindle rate
     * @param seed random seed
     */
    public SleepSpindleSignal(int channels, double rate, double seconds, double spindlesPerMinute, long seed) {
        if (channels < 1 || channels > Montage1020.EEGMMIDB_64.size()) {
            throw new IllegalArgumentException(
                    "spindle signal: channels must be 1.." + Montage1020.EEGMMIDB_64.size() + ", got " + channels);
        }
        List<String> labels = new ArrayList<>(Montage1020.EEGMMIDB_64.subList(0, channels));
        if (!labels.contains("Cz")) {
            labels.set(0, "Cz");
        }
        this.channels = channels;
        this.czChannel = labels.indexOf("Cz");
        int total = (int) Math.round(seconds * rate);
        EventSchedule schedule = EventSchedule.sleep(total / rate, spindlesPerMinute, 4, seed);
        SyntheticEegConfig cfg = SyntheticEegConfig.defaults("bench", seed)
                .withChannels(labels)
                .withRate(rate)
                .withDuration(total / rate)
                .withStartTime(0)
                .withChunkSize(250)
                .withLevels(SignalLevels.backgroundOnly())
                .withSchedule(schedule);
        SyntheticEeg eeg = new SyntheticEeg(cfg);
        this.samples = new float[total * channels];
        int pos = 0;
        while (eeg.hasNext()) {
            Chunk c = eeg.next();
            for (double v : c.samples()) {
                samples[pos++] = (float) v;
            }
        }
        for (PlantedEvent.Spindle s : schedule.ofType(PlantedEvent.Spindle.class)) {
            events.add(new EventWindow((int) Math.floor(s.onset() * rate), (int) Math.ceil(s.end() * rate)));
        }
    }

    /** Index of the Cz channel, where the spindles are strongest. */
    public int czChannel() {
        return czChannel;
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
