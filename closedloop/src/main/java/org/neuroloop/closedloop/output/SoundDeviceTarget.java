package org.neuroloop.closedloop.output;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays bursts on the default sound device through a {@link SourceDataLine} kept open (and started) between bursts,
 * so delivery is one buffer write. The line buffer holds at least one burst, so the write does not block.
 */
public final class SoundDeviceTarget implements AudioTarget {
    private final SourceDataLine line;

    /**
     * @param format PCM format of the bursts
     * @param bufferBytes line buffer size, at least one burst
     * @throws IOException if no sound device can play the format (e.g. a headless machine: use {@link WavFileTarget})
     */
    public SoundDeviceTarget(AudioFormat format, int bufferBytes) throws IOException {
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format, bufferBytes);
            line.start();
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IOException(
                    "audio output: no sound device can play " + format + " (" + e.getMessage()
                            + "); use the WAV file target on headless machines",
                    e);
        }
    }

    @Override
    public double play(byte[] pcm, AudioFormat format, String id) {
        double t = LslClock.now();
        line.write(pcm, 0, pcm.length);
        return t;
    }

    @Override
    public void close() {
        line.drain();
        line.close();
    }
}
