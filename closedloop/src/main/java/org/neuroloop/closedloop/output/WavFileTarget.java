package org.neuroloop.closedloop.output;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes each burst to {@code <folder>/<command id>.wav} (characters outside [A-Za-z0-9._-] become '_'). */
public final class WavFileTarget implements AudioTarget {
    private final Path folder;

    public WavFileTarget(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** The file a command's burst is written to. */
    public Path fileFor(String id) {
        return folder.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_") + ".wav");
    }

    @Override
    public double play(byte[] pcm, AudioFormat format, String id) throws IOException {
        long frames = pcm.length / format.getFrameSize();
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, fileFor(id).toFile());
        }
        return LslClock.now();
    }

    @Override
    public void close() {}
}
