package org.neuroloop.lsl4j;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.neuroloop.lsl4j.wire.InfoXmlWriter;
import org.neuroloop.lsl4j.wire.NumberText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Description of a stream, as liblsl's {@code stream_info}: the core fields (name, type, channel count, nominal
 * rate, channel format, source_id), the fields an outlet fills in (version, created_at, uid, session_id, hostname,
 * addresses and ports), and the free-form {@code desc()} tree where channel labels and units live (XDF meta-data
 * convention: {@code desc/channels/channel/{label,unit,type}}).
 *
 * <p>The whole info is one {@code <info>} XML document ({@link #asXml()}), the form it takes on the wire. Infos from
 * a resolver carry an empty desc; the full one comes from {@link StreamInlet#info(double)}. Methods are
 * synchronized; {@link #close()} does nothing (there is no native handle) and exists for try-with-resources code
 * written against liblsl bindings.
 */
public final class StreamInfo implements AutoCloseable {
    private static final String[] FIELDS = {
        "name",
        "type",
        "channel_count",
        "channel_format",
        "source_id",
        "nominal_srate",
        "version",
        "created_at",
        "uid",
        "session_id",
        "hostname",
        "v4address",
        "v4data_port",
        "v4service_port",
        "v6address",
        "v6data_port",
        "v6service_port"
    };

    private final Document document;
    private final Element info;

    private StreamInfo(Document document) {
        this.document = document;
        this.info = document.getDocumentElement();
    }

    /**
     * A new stream description (pylsl's {@code StreamInfo(name, type, channel_count, nominal_srate,
     * channel_format, source_id)}).
     *
     * @param name stream name, e.g. "BioSemi"
     * @param type content type, e.g. "EEG" or "Markers"; null is ""
     * @param channelCount channels per sample, &gt; 0
     * @param nominalRate Hz, or {@link Lsl#IRREGULAR_RATE}
     * @param format value type of all channels
     * @param sourceId unique id of the device/source (lets inlets recover), may be "" or null
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
        Document d = newBuilder().newDocument();
        Element info = d.createElement("info");
        d.appendChild(info);
        String[] values = {
            name,
            type == null ? "" : type,
            Integer.toString(channelCount),
            format.xmlName(),
            sourceId == null ? "" : sourceId,
            NumberText.of(nominalRate, NumberText.XML_DIGITS),
            NumberText.of(Lsl.PROTOCOL_VERSION / 100.0, NumberText.XML_DIGITS),
            "0",
            "",
            "",
            "",
            "",
            "0",
            "0",
            "",
            "0",
            "0"
        };
        for (int i = 0; i < FIELDS.length; i++) {
            Element e = d.createElement(FIELDS[i]);
            e.setTextContent(values[i]);
            info.appendChild(e);
        }
        info.appendChild(d.createElement("desc"));
        return new StreamInfo(d);
    }

    /**
     * Parses an info from its XML form ({@link #asXml()}, a resolver reply, an outlet's full info).
     *
     * @throws LslException when the text is not an {@code <info>} document with a valid channel format and count
     */
    public static StreamInfo fromXml(String xml) {
        Document d;
        try {
            DocumentBuilder b = newBuilder();
            b.setErrorHandler(new DefaultHandler()); // throw on fatal errors without printing to stderr
            d = b.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new LslException("LSL stream info XML does not parse: " + e.getMessage(), e);
        }
        if (!d.getDocumentElement().getTagName().equals("info")) {
            throw new LslException("LSL stream info XML: root element is <"
                    + d.getDocumentElement().getTagName() + ">, expected <info>");
        }
        StreamInfo s = new StreamInfo(d);
        String where = "LSL stream info of '" + s.name() + "'";
        try {
            s.channelFormat();
        } catch (IllegalArgumentException e) {
            throw new LslException(where + ": " + e.getMessage(), e);
        }
        if (s.channelCount() < 1) {
            throw new LslException(where + ": <channel_count> must be >= 1, got '" + s.field("channel_count") + "'");
        }
        if (s.child("desc") == null) {
            s.info.appendChild(d.createElement("desc"));
        }
        return s;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException("no XML parser in this JDK", e);
        }
    }

    /** An independent copy. */
    public synchronized StreamInfo copy() {
        return new StreamInfo((Document) document.cloneNode(true));
    }

    private Element child(String tag) {
        for (Node n = info.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    synchronized String field(String tag) {
        Element e = child(tag);
        return e == null ? "" : e.getTextContent().trim();
    }

    private double number(String tag) {
        try {
            return Double.parseDouble(field(tag));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Sets a top-level field (creating it before {@code <desc>}); used when an outlet opens or a resolver fills in. */
    synchronized void setField(String tag, String value) {
        Element e = child(tag);
        if (e == null) {
            e = document.createElement(tag);
            info.insertBefore(e, child("desc"));
        }
        e.setTextContent(value);
    }

    public String name() {
        return field("name");
    }

    public String type() {
        return field("type");
    }

    public int channelCount() {
        return (int) number("channel_count");
    }

    /** Hz; 0 for irregular streams. */
    public double nominalRate() {
        return number("nominal_srate");
    }

    public ChannelFormat channelFormat() {
        return ChannelFormat.fromXmlName(field("channel_format"));
    }

    public String sourceId() {
        return field("source_id");
    }

    /** Protocol version x100 of the stream's outlet (liblsl 1.10 writes 1.1000000000000001). */
    public int version() {
        return (int) Math.round(number("version") * 100);
    }

    /** Outlet creation time on the outlet machine's LSL clock, seconds (0 before an outlet opened). */
    public double createdAt() {
        return number("created_at");
    }

    /** Unique id of the outlet instance: differs after an outlet restart even with the same source id. */
    public String uid() {
        return field("uid");
    }

    public String sessionId() {
        return field("session_id");
    }

    public String hostname() {
        return field("hostname");
    }

    /** The outlet's IPv4 address as published (empty: the host the reply came from, filled in by the resolver). */
    public String v4address() {
        return field("v4address");
    }

    public int v4dataPort() {
        return (int) number("v4data_port");
    }

    public int v4servicePort() {
        return (int) number("v4service_port");
    }

    /** The outlet's IPv6 address as published (empty: the host the reply came from, filled in by the resolver). */
    public String v6address() {
        return field("v6address");
    }

    /** 0 when the outlet serves no IPv6. */
    public int v6dataPort() {
        return (int) number("v6data_port");
    }

    public int v6servicePort() {
        return (int) number("v6service_port");
    }

    /** Root of the extended description; edits change this info. */
    public synchronized XmlElement desc() {
        Element d = child("desc");
        if (d == null) {
            d = document.createElement("desc");
            info.appendChild(d);
        }
        return new XmlElement(d);
    }

    /** The whole info as XML ({@code <?xml version="1.0"?>} then {@code <info>…</info>}, tab-indented). */
    public synchronized String asXml() {
        try {
            return InfoXmlWriter.write(info);
        } catch (Exception e) {
            throw new LslException("cannot serialize the info of stream '" + name() + "': " + e.getMessage(), e);
        }
    }

    /** Same as {@link #asXml()} (the name the liblsl C API uses). */
    public String toXml() {
        return asXml();
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
        synchronized (this) {
            XmlElement channels = desc().appendChild("channels");
            for (int c = 0; c < n; c++) {
                XmlElement ch = channels.appendChild("channel");
                ch.appendChildValue("label", labels.get(c)).appendChildValue("unit", units.get(c));
                if (channelType != null) {
                    ch.appendChildValue("type", channelType);
                }
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

    private synchronized List<String> channelField(String field) {
        List<String> out = new ArrayList<>();
        XmlElement channels = desc().child("channels");
        for (XmlElement ch : channels.children("channel")) {
            out.add(ch.childText(field));
        }
        return out;
    }

    /** Nothing to release; kept so code written for native bindings reads the same. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "StreamInfo[" + name() + " type=" + type() + " " + channelCount() + "ch " + field("channel_format")
                + " @" + nominalRate() + "Hz source_id=" + sourceId() + " uid=" + uid() + "]";
    }
}
