package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;

/**
 * Description of a stream ({@code lsl_streaminfo}): the core fields, the network fields assigned by the outlet, and
 * the free-form {@code <desc>} tree where channel labels and units live (XDF meta-data convention:
 * {@code desc/channels/channel/{label,unit,type}}).
 *
 * <p>Owns its native handle: close it (try-with-resources). Outlets and inlets copy the info they are created
 * from, so the caller's instance may be closed right after. Infos from resolvers carry an empty desc; the full one
 * comes from {@link StreamInlet#info(double)}.
 */
public final class StreamInfo extends NativeHandle {

    StreamInfo(Pointer handle) {
        super(handle, LslNative::lsl_destroy_streaminfo, "a stream info");
    }

    /**
     * Creates a new stream description.
     *
     * @param name stream name, e.g. "BioSemi"
     * @param type content type, e.g. "EEG" or "Markers"
     * @param channelCount channels per sample, &gt; 0
     * @param nominalRate Hz, or {@link Lsl#IRREGULAR_RATE}
     * @param format value type of all channels
     * @param sourceId unique id of the device/source (lets inlets and our source recover), may be ""
     */
    public static StreamInfo create(
            String name, String type, int channelCount, double nominalRate, ChannelFormat format, String sourceId) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        if (channelCount <= 0) {
            throw new IllegalArgumentException("stream " + name + ": channelCount must be > 0, got " + channelCount);
        }
        if (!(nominalRate >= 0) || Double.isInfinite(nominalRate)) {
            throw new IllegalArgumentException(
                    "stream " + name + ": nominalRate must be finite and >= 0, got " + nominalRate);
        }
        Lsl.load();
        return new StreamInfo(LslNative.lsl_create_streaminfo(
                name,
                type == null ? "" : type,
                channelCount,
                nominalRate,
                format.code(),
                sourceId == null ? "" : sourceId));
    }

    /** Parses a stream info from its XML form (as produced by {@link #toXml()}). */
    public static StreamInfo fromXml(String xml) {
        Lsl.load();
        StreamInfo info = new StreamInfo(LslNative.lsl_streaminfo_from_xml(xml));
        String name = info.name();
        if (name.startsWith("(invalid:")) {
            // liblsl reports parse failures through the name field, e.g. "(invalid: The UID of the given stream info is
            // empty.)"
            info.close();
            throw new LslException(
                    "not a valid LSL stream info XML (it needs the full <info> of an outlet, incl. <uid>): "
                            + name.substring(1, name.length() - 1));
        }
        return info;
    }

    /** An independent copy (own handle). */
    public StreamInfo copy() {
        return new StreamInfo(LslNative.lsl_copy_streaminfo(handle()));
    }

    public String name() {
        return LslNative.lsl_get_name(handle());
    }

    public String type() {
        return LslNative.lsl_get_type(handle());
    }

    public int channelCount() {
        return LslNative.lsl_get_channel_count(handle());
    }

    /** Hz; 0 for irregular streams. */
    public double nominalRate() {
        return LslNative.lsl_get_nominal_srate(handle());
    }

    public ChannelFormat channelFormat() {
        return ChannelFormat.fromCode(LslNative.lsl_get_channel_format(handle()));
    }

    public String sourceId() {
        return LslNative.lsl_get_source_id(handle());
    }

    /** Protocol version x100 of the stream's outlet. */
    public int version() {
        return LslNative.lsl_get_version(handle());
    }

    /** Outlet creation time on the outlet machine's LSL clock, seconds. */
    public double createdAt() {
        return LslNative.lsl_get_created_at(handle());
    }

    /** Unique id of the outlet instance: differs after an outlet restart even with the same source id. */
    public String uid() {
        return LslNative.lsl_get_uid(handle());
    }

    public String sessionId() {
        return LslNative.lsl_get_session_id(handle());
    }

    public String hostname() {
        return LslNative.lsl_get_hostname(handle());
    }

    /** Root of the extended description. Valid while this info is open. */
    public XmlElement desc() {
        return new XmlElement(this, LslNative.lsl_get_desc(handle()));
    }

    /** The whole info as XML ({@code <info>…</info>}). */
    public String toXml() {
        Pointer s = LslNative.lsl_get_xml(handle());
        if (s == null) {
            throw new LslException("lsl_get_xml failed for stream " + name());
        }
        try {
            return s.getString(0, "UTF-8");
        } finally {
            LslNative.lsl_destroy_string(s);
        }
    }

    /**
     * Writes {@code desc/channels/channel/{label,unit,type}} for every channel (XDF meta-data convention).
     *
     * @param labels one per channel
     * @param units one per channel (e.g. "microvolts" or "uV")
     * @param channelType e.g. "EEG", or null to omit
     * @return this, for chaining
     */
    public StreamInfo setChannels(List<String> labels, List<String> units, String channelType) {
        int n = channelCount();
        if (labels.size() != n || units.size() != n) {
            throw new IllegalArgumentException("stream " + name() + " has " + n + " channels but got " + labels.size()
                    + " labels and " + units.size() + " units");
        }
        XmlElement channels = desc().appendChild("channels");
        for (int c = 0; c < n; c++) {
            XmlElement ch = channels.appendChild("channel");
            ch.appendChildValue("label", labels.get(c)).appendChildValue("unit", units.get(c));
            if (channelType != null) {
                ch.appendChildValue("type", channelType);
            }
        }
        return this;
    }

    /** Channel labels from {@code desc/channels/channel/label}; empty when the desc has none. */
    public List<String> channelLabels() {
        return channelField("label");
    }

    /** Channel units from {@code desc/channels/channel/unit}; empty when the desc has none. */
    public List<String> channelUnits() {
        return channelField("unit");
    }

    private List<String> channelField(String field) {
        List<String> out = new ArrayList<>();
        XmlElement channels = desc().child("channels");
        if (channels.isEmpty()) {
            return out;
        }
        for (XmlElement ch : channels.children("channel")) {
            out.add(ch.childText(field));
        }
        return out;
    }

    @Override
    public String toString() {
        if (isClosed()) {
            return "StreamInfo[closed]";
        }
        return "StreamInfo[" + name() + " type=" + type() + " " + channelCount() + "ch "
                + channelFormat().xmlName() + " @" + nominalRate() + "Hz source_id=" + sourceId() + " uid=" + uid()
                + "]";
    }
}
