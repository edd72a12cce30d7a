package org.neuroloop.ingest.synthetic;

import java.util.Iterator;
import org.neuroloop.dsp.record.Chunk;

/**
 * A synthetic session as a sequence of chunks that can be repositioned exactly (to restore a checkpointed source):
 * generated sample by sample ({@link SyntheticEeg}) or played from a shared looped buffer ({@link LoopedEeg}).
 */
public interface SyntheticChunks extends Iterator<Chunk> {

    /** Index of the next sample. */
    long position();

    /** LSL-clock time of sample {@code index}. */
    double timeOf(long index);

    /** Advances {@code samples} samples, exactly as if they had been emitted. */
    void skip(long samples);

    /** The session of {@code config}: looped when {@link SyntheticEegConfig#looped()}, else generated. */
    static SyntheticChunks open(SyntheticEegConfig config) {
        return config.looped() ? new LoopedEeg(config) : new SyntheticEeg(config);
    }
}
