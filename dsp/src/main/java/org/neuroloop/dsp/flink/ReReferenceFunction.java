package org.neuroloop.dsp.flink;

import org.apache.flink.api.common.functions.MapFunction;
import org.neuroloop.dsp.filter.ReReference;
import org.neuroloop.dsp.record.Chunk;

/**
 * Re-references every chunk with {@link ReReference}: common average, or the mean of the given channel indices.
 * Stateless, so a plain map chained after the keyed operators (no shuffle).
 */
public final class ReReferenceFunction implements MapFunction<Chunk, Chunk> {
    private static final long serialVersionUID = 1L;

    private final int[] referenceChannels;
    private transient ReReference reference;

    /** @param referenceChannels channel indices to average as the reference; empty for the common average */
    public ReReferenceFunction(int... referenceChannels) {
        this.referenceChannels = referenceChannels.clone();
    }

    @Override
    public Chunk map(Chunk chunk) {
        if (reference == null || reference.channels() != chunk.channels()) {
            reference = referenceChannels.length == 0
                    ? ReReference.commonAverage(chunk.channels())
                    : ReReference.subset(chunk.channels(), referenceChannels);
        }
        return reference.apply(chunk);
    }
}
