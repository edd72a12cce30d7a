package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Where and what a resolved LSL stream is: the fields of its {@code <info>} XML an inlet needs to subscribe
 * (docs/lsl-protocol.md §2): the outlet's IPv4 address with its TCP data port and UDP service port, the outlet
 * instance's
 * {@code uid}, and the sample layout (format, channel count, nominal rate).
 *
 * <p>An empty {@code v4address} means the outlet's own host as seen by the resolver, i.e. 127.0.0.1 here. Only
 * loopback addresses are accepted: NeuroLoop keeps all LSL traffic on this machine.
 *
 * @param nominalRate Hz, 0 for an irregular stream
 */
public record StreamEndpoint(
        String name,
        String type,
        String sourceId,
        String sessionId,
        String hostname,
        String uid,
        ChannelFormat format,
        int channelCount,
        double nominalRate,
        InetAddress address,
        int dataPort,
        int servicePort) {

    /**
     * Parses the {@code <info>} XML of a resolved stream (as from {@code StreamInfo.toXml()}).
     *
     * @throws LslException naming the field when the XML lacks a field, has a bad value, or the address is not loopback
     */
    public static StreamEndpoint fromXml(String xml) {
        return fromXml(xml, LslConfig.current());
    }

    /** As {@link #fromXml(String)}, judging the address by {@code cfg} instead of this process's settings. */
    public static StreamEndpoint fromXml(String xml, LslConfig cfg) {
        Element info = parse(xml);
        String name = text(info, "name");
        String where = "LSL stream info of '" + name + "'";
        String uid = text(info, "uid");
        if (uid.isEmpty()) {
            throw new LslException(where + ": <uid> is empty (expected the outlet's uid from a resolver)");
        }
        ChannelFormat format;
        try {
            format = ChannelFormat.fromXmlName(text(info, "channel_format"));
        } catch (IllegalArgumentException e) {
            throw new LslException(where + ": " + e.getMessage(), e);
        }
        int channels = integer(info, "channel_count", where);
        if (channels < 1) {
            throw new LslException(where + ": <channel_count> must be >= 1, got " + channels);
        }
        double rate = number(info, "nominal_srate", where);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new LslException(where + ": <nominal_srate> must be finite and >= 0, got " + rate);
        }
        // IPv4 when both sides use it (liblsl's preference too), else IPv6 when the config allows it
        int dataPort = portOrZero(info, "v4data_port", where);
        int servicePort = portOrZero(info, "v4service_port", where);
        boolean v4 = cfg.ipv4() && dataPort > 0 && servicePort > 0;
        if (!v4 && cfg.ipv6Enabled()) {
            int data6 = portOrZero(info, "v6data_port", where);
            int service6 = portOrZero(info, "v6service_port", where);
            if (data6 > 0 && service6 > 0) {
                return new StreamEndpoint(
                        name,
                        text(info, "type"),
                        text(info, "source_id"),
                        text(info, "session_id"),
                        text(info, "hostname"),
                        uid,
                        format,
                        channels,
                        rate,
                        address6(text(info, "v6address"), where, cfg),
                        data6,
                        service6);
            }
        }
        if (!v4) {
            throw new LslException(where + ": <v4data_port> " + dataPort + " / <v4service_port> " + servicePort
                    + " is not a valid port (the outlet has no IPv4 endpoint?)"
                    + (cfg.ipv6Enabled()
                            ? ""
                            : "; IPv6 is off in " + (cfg.source() == null ? "the built-in LSL config" : cfg.source())));
        }
        return new StreamEndpoint(
                name,
                text(info, "type"),
                text(info, "source_id"),
                text(info, "session_id"),
                text(info, "hostname"),
                uid,
                format,
                channels,
                rate,
                loopback(text(info, "v4address"), where, cfg),
                dataPort,
                servicePort);
    }

    private static int portOrZero(Element info, String tag, String where) {
        if (text(info, tag).isEmpty()) {
            return 0;
        }
        int p = integer(info, tag, where);
        if (p < 0 || p > 65535) {
            throw new LslException(where + ": <" + tag + "> " + p + " is not a port number");
        }
        return p;
    }

    /**
     * The v6address as an IPv6 address: empty is ::1 (the resolver's own host on this machine); a literal must be
     * ::1 under a loopback-only config. No name lookup happens.
     */
    static InetAddress address6(String v6address, String where, LslConfig cfg) {
        String a = v6address.trim();
        if (a.isEmpty() || a.equalsIgnoreCase("localhost")) {
            a = "::1";
        }
        int scope = a.indexOf('%');
        String literal = scope >= 0 ? a.substring(0, scope) : a;
        if (!literal.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new LslException(where + ": <v6address> '" + a + "' is not an IPv6 address literal");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(a); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new LslException(where + ": <v6address> '" + a + "' is not a valid IPv6 address", e);
        }
        if (!address.isLoopbackAddress() && cfg.loopbackOnly()) {
            throw new LslException(where + ": <v6address> " + a + " is not a loopback address; the LSL config ("
                    + cfg.describe() + ") keeps LSL on this machine and refuses to connect to it");
        }
        return address;
    }

    /** {@code name @ address:dataPort (uid)}, for messages. */
    public String describe() {
        return "'" + name + "' at " + address.getHostAddress() + ":" + dataPort + " (uid " + uid + ")";
    }

    /**
     * The v4address as a loopback address: empty is the resolver's own host (127.0.0.1); an IPv4 literal must be
     * in 127.0.0.0/8; "localhost" is accepted. No name lookup happens.
     */
    static InetAddress loopback(String v4address, String where, LslConfig cfg) {
        String a = v4address.trim();
        if (a.isEmpty() || a.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new LslException(where + ": <v4address> '" + a + "' is not an IPv4 address; NeuroLoop keeps LSL on "
                    + "loopback (127.0.0.1) and does not look host names up");
        }
        InetAddress address;
        try {
            byte[] quad = new byte[4];
            String[] parts = a.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    throw new UnknownHostException("octet " + v + " above 255");
                }
                quad[i] = (byte) v;
            }
            // not InetAddress.getByName: it sends a dotted quad that is no address (999.1.1.1) to DNS
            address = InetAddress.getByAddress(quad);
        } catch (UnknownHostException e) {
            throw new LslException(where + ": <v4address> '" + a + "' is not a valid IPv4 address", e);
        }
        if (!address.isLoopbackAddress() && cfg.loopbackOnly()) {
            throw new LslException(where + ": <v4address> " + a + " is not a loopback address; NeuroLoop keeps all LSL "
                    + "traffic on this machine (127.0.0.1) under a loopback-only LSL config ("
                    + cfg.describe() + ") and refuses to connect to it");
        }
        return address;
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // throw on fatal errors without printing to stderr
            Document d = b.parse(new InputSource(new StringReader(xml)));
            Element root = d.getDocumentElement();
            if (!root.getTagName().equals("info")) {
                throw new LslException(
                        "LSL stream info XML: root element is <" + root.getTagName() + ">, expected <info>");
            }
            return root;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new LslException("LSL stream info XML does not parse: " + e.getMessage(), e);
        }
    }

    /** Text of the direct child {@code tag}, trimmed; "" when absent. */
    private static String text(Element info, String tag) {
        for (Node n = info.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    private static double number(Element info, String tag, String where) {
        String s = text(info, tag);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new LslException(where + ": <" + tag + "> is '" + s + "', expected a number", e);
        }
    }

    private static int integer(Element info, String tag, String where) {
        double v = number(info, tag, where);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new LslException(where + ": <" + tag + "> is " + v + ", expected an integer");
        }
        return (int) v;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "StreamEndpoint[%s %s %dch %s @%sHz uid=%s %s:%d/%d]",
                name,
                type,
                channelCount,
                format.xmlName(),
                nominalRate,
                uid,
                address.getHostAddress(),
                dataPort,
                servicePort);
    }
}
