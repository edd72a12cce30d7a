package org.neuroloop.ingest.lsl;

import java.util.Locale;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslInlet;
import org.neuroloop.lsl4j.LslLostException;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamResolver;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.neuroloop.lsl4j.wire.WireOutlet;

/**
 * Which code speaks LSL for NeuroLoop's own inlets and outlets. Only {@link #WIRE} (lsl4j) is left: liblsl is no
 * longer on NeuroLoop's runtime classpath, and {@link #LIBLSL} fails with a message saying so.
 */
public enum LslImplementation {
    /**
     * NeuroLoop's pure-Java protocol code ({@code org.neuroloop.lsl4j.wire}): a pushed sample goes to the socket
     * at once and a pull returns the moment its bytes arrive. The default for the closed loop: the liblsl 1.10 we can
     * ship (from the npm package lsl.js) sleep-polls its send and receive queues every 1 ms.
     */
    WIRE,
    /** liblsl itself: no longer available at run time. */
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
            case LIBLSL -> throw noLiblsl();
            case WIRE -> new WireInlet(resolved, maxBufferSeconds);
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
            case LIBLSL -> throw noLiblsl();
            case WIRE -> new WireOutlet(info, maxBufferedSeconds);
        };
    }

    private static LslException noLiblsl() {
        return new LslException("LSL implementation 'liblsl' is not available: NeuroLoop speaks LSL through lsl4j "
                + "(pure Java) and no longer loads liblsl; use 'wire'");
    }
}
