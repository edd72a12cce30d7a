package org.neuroloop.dsp.record;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Description of one session's EEG stream, sent once per session rather than in every chunk.
 *
 * @param sessionId session key
 * @param name stream name (LSL name, or the recording's stream name)
 * @param type stream content type, e.g. "EEG"
 * @param sourceId LSL source id, or the recording path
 * @param channelLabels one label per channel
 * @param units one unit per channel, e.g. "uV"
 * @param nominalRate nominal rate in Hz, 0 for irregular
 */
public record StreamMeta(
        String sessionId,
        String name,
        String type,
        String sourceId,
        List<String> channelLabels,
        List<String> units,
        double nominalRate) {
    public StreamMeta {
        Objects.requireNonNull(sessionId, "sessionId");
        channelLabels = List.copyOf(channelLabels);
        units = List.copyOf(units);
        if (units.size() != channelLabels.size()) {
            throw new IllegalArgumentException(
                    "stream " + name + ": " + units.size() + " units for " + channelLabels.size() + " channels");
        }
    }

    public int channelCount() {
        return channelLabels.size();
    }

    /** Index of a channel by label, ignoring case and EEGMMIDB's trailing dots; -1 if absent. */
    public int indexOf(String label) {
        String want = normalise(label);
        for (int i = 0; i < channelLabels.size(); i++) {
            if (normalise(channelLabels.get(i)).equals(want)) {
                return i;
            }
        }
        return -1;
    }

    static String normalise(String label) {
        String s = label.trim();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
