package org.neuroloop.dsp.record;

import java.util.StringJoiner;

/** Bit flags a chunk carries; the stimulation policy never acts on a chunk with any {@link #BAD} bit. */
public final class ChunkFlags {
    public static final int NAN_OR_INF = 1;
    public static final int FLAT = 1 << 1;
    public static final int CLIPPED = 1 << 2;
    /** Samples are missing before this chunk (stream dropped out, reconnected, or a discontinuous recording). */
    public static final int GAP = 1 << 3;
    /** Timestamps jumped backwards or forwards beyond tolerance. */
    public static final int CLOCK_JUMP = 1 << 4;
    /** The stream was idle longer than the stale timeout before this chunk. */
    public static final int STALE = 1 << 5;

    public static final int WRONG_CHANNEL_COUNT = 1 << 6;
    /** Last chunk of a finite source (end of recording). Not a bad-data flag. */
    public static final int END_OF_STREAM = 1 << 7;

    /** Any flag that makes the data unfit for stimulation decisions. */
    public static final int BAD = NAN_OR_INF | FLAT | CLIPPED | GAP | CLOCK_JUMP | STALE | WRONG_CHANNEL_COUNT;

    private static final String[] NAMES = {
        "NAN_OR_INF", "FLAT", "CLIPPED", "GAP", "CLOCK_JUMP", "STALE", "WRONG_CHANNEL_COUNT", "END_OF_STREAM"
    };

    private ChunkFlags() {}

    public static boolean isBad(int flags) {
        return (flags & BAD) != 0;
    }

    public static String describe(int flags) {
        if (flags == 0) {
            return "none";
        }
        StringJoiner j = new StringJoiner("|");
        for (int b = 0; b < NAMES.length; b++) {
            if ((flags & (1 << b)) != 0) {
                j.add(NAMES[b]);
            }
        }
        return j.toString();
    }
}
