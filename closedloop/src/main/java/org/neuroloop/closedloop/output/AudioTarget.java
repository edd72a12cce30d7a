package org.neuroloop.closedloop.output;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;

/** Where a rendered audio burst goes: a sound device or, on headless machines and in tests, a WAV file. */
public interface AudioTarget extends AutoCloseable {

    /**
     * Plays (or writes) one burst.
     *
     * @param pcm sample bytes in {@code format}
     * @param id command id, e.g. to name a file
     * @return LSL time at which the burst was handed to the device (or written)
     */
    double play(byte[] pcm, AudioFormat format, String id) throws IOException;

    @Override
    void close() throws IOException;
}
