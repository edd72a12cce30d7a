package org.neuroloop.ingest.lsl;

import java.util.Locale;

/**
 * Which code speaks LSL for NeuroLoop's own inlets and outlets. Both are the same protocol (1.10) on the wire; any
 * liblsl peer (LabRecorder, pylsl, MNE-LSL, an amplifier's app) discovers, reads and feeds either. Discovery
 * (resolving streams) always goes through liblsl.
 */
public enum LslImplementation {
    /**
     * NeuroLoop's pure-Java protocol code ({@code org.neuroloop.ingest.lsl.wire}): a pushed sample goes to the socket
     * at once and a pull returns the moment its bytes arrive. The default for the closed loop (why: {@code docs/lsl-protocol.md},
     * "Why NeuroLoop carries its own data path").
     */
    WIRE,
    /** liblsl itself through the JNA binding ({@link StreamOutlet}, {@link StreamInlet}). */
    LIBLSL;

    /** Parses {@code wire} or {@code liblsl} (case-insensitive). */
    public static LslImplementation parse(String text) {
        for (LslImplementation i : values()) {
            if (i.name().equalsIgnoreCase(text.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown LSL implementation '" + text + "', expected one of wire, liblsl");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * An inlet for a resolved stream that does not recover silently (a lost outlet throws {@link LslLostException}).
     *
     * @param resolved a stream info from {@link StreamResolver} (not kept)
     * @param maxBufferSeconds seconds buffered for this inlet (x100 samples for irregular streams)
     */
    public LslInlet openInlet(StreamInfo resolved, int maxBufferSeconds) {
        return switch (this) {
            case LIBLSL -> new StreamInlet(resolved, maxBufferSeconds, 0, false);
            case WIRE -> new org.neuroloop.ingest.lsl.wire.WireInlet(resolved, maxBufferSeconds);
        };
    }

    /**
     * An outlet publishing {@code info}.
     *
     * @param info the stream description (copied; the caller keeps ownership)
     * @param maxBufferedSeconds seconds buffered per consumer (x100 samples for irregular streams)
     */
    public LslOutlet openOutlet(StreamInfo info, int maxBufferedSeconds) {
        return switch (this) {
            case LIBLSL -> new StreamOutlet(info, 0, maxBufferedSeconds);
            case WIRE -> new org.neuroloop.ingest.lsl.wire.WireOutlet(info, maxBufferedSeconds);
        };
    }
}
