package org.neuroloop.closedloop.output;

import java.io.IOException;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import org.neuroloop.dsp.record.StimulationCommand;

/** Delivers a command as one pre-rendered {@link PinkNoiseBurst} to an {@link AudioTarget} (device or WAV file). */
public final class PinkNoiseAudioTransport implements StimulationTransport {
    /** 16-bit signed little-endian mono at the burst's rate. */
    public static final AudioFormat FORMAT = new AudioFormat(PinkNoiseBurst.SAMPLE_RATE, 16, 1, true, false);

    private final byte[] pcm;
    private final AudioTarget target;

    public PinkNoiseAudioTransport(PinkNoiseBurst burst, AudioTarget target) {
        this.pcm = burst.pcm16le();
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Bytes of one burst, e.g. to size a device buffer. */
    public int burstBytes() {
        return pcm.length;
    }

    @Override
    public String name() {
        return "audio";
    }

    @Override
    public double deliver(StimulationCommand command) throws IOException {
        return target.play(pcm, FORMAT, command.id());
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
