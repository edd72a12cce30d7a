package org.neuroloop.dsp.quality;

import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.ChunkFlags;

/**
 * Flags a chunk whose data must not drive decisions (see {@link ChunkFlags#BAD}).
 *
 * <ul>
 *   <li>{@code NAN_OR_INF}: any sample is not finite.</li>
 *   <li>{@code WRONG_CHANNEL_COUNT}: the chunk's channel count differs from {@link QualityCriteria#expectedChannels()},
 *       or, when that is 0, from the session's first chunk (per-channel checks are then skipped).</li>
 *   <li>{@code FLAT}: some channel stayed within {@code flatTolerance} of the value that started its run for at
 *       least {@code round(flatSeconds * rate)} consecutive samples (a disconnected electrode or a dead amplifier
 * channel).</li>
 *   <li>{@code CLIPPED}: some channel reached {@code |x| >= clipLevel} for at least {@code clipSamples}
 *       consecutive samples (the amplifier saturated).</li>
 *   <li>{@code GAP}: the chunk does not start at the next expected sequence number (samples lost, or the stream
 *       restarted).</li>
 *   <li>{@code CLOCK_JUMP}: for a regular stream, consecutive timestamps {@code t[i] - t[i-1]} differ from
 *       {@code (seq[i] - seq[i-1]) / rate} by more than {@code clockJumpTolerance}; for any stream, time runs
 *       backwards by more than that tolerance (smaller steps back are timestamp jitter).</li>
 * </ul>
 *
 * <p>Runs are counted per sample and carried in {@link QualityState}, so the flags do not depend on how the
 * stream was cut into chunks beyond which chunk a run completes in. The flagger only reads the chunk and
 * updates the state in place; it never allocates per sample.
 */
public final class BadDataFlagger {
    private final QualityCriteria criteria;

    public BadDataFlagger(QualityCriteria criteria) {
        this.criteria = criteria;
    }

    public QualityCriteria criteria() {
        return criteria;
    }

    /**
     * Flags for {@code chunk} given what came before it in the session; updates {@code state} in place.
     *
     * @param state the session's state, from {@link QualityState#initial()} for a new session; its per-channel
     *              arrays are sized by the first chunk (or by {@code expectedChannels})
     * @return the {@link ChunkFlags} bits this chunk earns (to be OR-ed into the chunk's own flags)
     */
    public int flag(Chunk chunk, QualityState state) {
        int flags = 0;
        int n = chunk.length();
        int ch = chunk.channels();
        boolean channelCountOk = criteria.expectedChannels() == 0
                ? state.channels() == 0 || state.channels() == ch
                : ch == criteria.expectedChannels();
        if (!channelCountOk) {
            flags |= ChunkFlags.WRONG_CHANNEL_COUNT;
        } else if (state.channels() != ch) {
            state.resize(ch);
        }
        double[] x = chunk.samples();
        if (channelCountOk) {
            // one pass over the samples: the per-channel runs see every value, the non-finite ones included
            flags |= amplitudeFlags(x, n, ch, flatSamples(chunk.nominalRate()), state);
        } else if (!Finite.all(x)) {
            flags |= ChunkFlags.NAN_OR_INF;
        }
        flags |= continuityFlags(chunk, state);
        if (n > 0) {
            state.nextSeq = chunk.firstSeq() + n;
            state.lastTimestamp = chunk.lastTimestamp();
        }
        return flags;
    }

    /** Flat-run length in samples at {@code rate}; 0 (never flat) for irregular streams or when disabled. */
    int flatSamples(double rate) {
        if (!(rate > 0) || criteria.flatSeconds() == 0) {
            return 0;
        }
        return Math.max(2, (int) Math.round(criteria.flatSeconds() * rate));
    }

    private int amplitudeFlags(double[] x, int n, int ch, int flatLimit, QualityState s) {
        int flags = 0;
        double tol = criteria.flatTolerance();
        double clip = criteria.clipLevel();
        int clipLimit = criteria.clipSamples();
        for (int i = 0; i < n; i++) {
            int base = i * ch;
            for (int c = 0; c < ch; c++) {
                double v = x[base + c];
                if (!Double.isFinite(v)) {
                    flags |= ChunkFlags.NAN_OR_INF;
                    s.flatRun[c] = 0;
                    s.flatReference[c] = Double.NaN;
                    s.clipRun[c] = 0;
                    continue;
                }
                if (Math.abs(v - s.flatReference[c]) <= tol) {
                    s.flatRun[c]++;
                } else {
                    s.flatReference[c] = v;
                    s.flatRun[c] = 1;
                }
                if (flatLimit > 0 && s.flatRun[c] >= flatLimit) {
                    flags |= ChunkFlags.FLAT;
                }
                if (Math.abs(v) >= clip) {
                    if (++s.clipRun[c] >= clipLimit) {
                        flags |= ChunkFlags.CLIPPED;
                    }
                } else {
                    s.clipRun[c] = 0;
                }
            }
        }
        return flags;
    }

    private int continuityFlags(Chunk chunk, QualityState s) {
        int n = chunk.length();
        if (n == 0) {
            return 0;
        }
        int flags = 0;
        if (s.nextSeq >= 0 && chunk.firstSeq() != s.nextSeq) {
            flags |= ChunkFlags.GAP;
        }
        double[] t = chunk.timestamps();
        double rate = chunk.nominalRate();
        double tol = criteria.clockJumpTolerance();
        double prev = s.lastTimestamp;
        long prevSeq = s.nextSeq - 1;
        double period = 1 / rate; // equal to dSeq / rate for the usual dSeq = 1, without a division per sample
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(prev)) {
                double dt = t[i] - prev;
                long dSeq = chunk.firstSeq() + i - prevSeq;
                if (dt < -tol) {
                    flags |= ChunkFlags.CLOCK_JUMP;
                } else if (rate > 0 && dSeq > 0 && Math.abs(dt - (dSeq == 1 ? period : dSeq / rate)) > tol) {
                    flags |= ChunkFlags.CLOCK_JUMP;
                }
            }
            prev = t[i];
            prevSeq = chunk.firstSeq() + i;
        }
        return flags;
    }
}
