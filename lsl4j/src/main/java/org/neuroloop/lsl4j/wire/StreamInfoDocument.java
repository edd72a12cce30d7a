package org.neuroloop.lsl4j.wire;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.neuroloop.lsl4j.LslException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The {@code <info>} document an outlet publishes (docs/lsl-protocol.md §2): the stream's description (name, type,
 * channel_count, nominal_srate, channel_format, source_id, desc) as liblsl wrote it, plus the fields an outlet fills
 * in when it opens: version, created_at, uid, session_id, hostname, v4address (empty: the resolver fills in the
 * sender's address), v4data_port, v4service_port and the IPv6 ones (0: that protocol is not served).
 *
 * <p>Two serialized forms are kept: the full info ({@code LSL:fullinfo}, with {@code <desc>}) and the short info
 * (discovery replies, with an empty {@code <desc />}). Both are UTF-8 bytes starting with
 * {@code <?xml version="1.0"?>}, like pugixml's output. The document never changes after construction, so
 * query results can be cached ({@link InfoQueryMatcher}).
 */
final class StreamInfoDocument {
    /** liblsl 1.10 writes the protocol version 110 as the double 1.10. */
    static final double VERSION = 1.10;

    private final Document document;
    private final byte[] fullInfo;
    private final byte[] shortInfo;
    private final String uid;

    /** Network fields of an opened outlet. */
    record OutletFields(
            String uid,
            double createdAt,
            String sessionId,
            String hostname,
            int dataPort,
            int servicePort,
            int v6DataPort,
            int v6ServicePort) {}

    /**
     * @param templateXml the stream's info as liblsl serializes it ({@code StreamInfo.toXml()})
     * @param fields what this outlet fills in
     * @throws LslException when the template is not an {@code <info>} document
     */
    StreamInfoDocument(String templateXml, OutletFields fields) {
        this.document = parse(templateXml);
        Element info = document.getDocumentElement();
        if (!"info".equals(info.getTagName())) {
            throw new LslException(
                    "stream info XML must have the root element <info>, got <" + info.getTagName() + ">");
        }
        set(info, "version", NumberText.of(VERSION, NumberText.XML_DIGITS));
        set(info, "created_at", NumberText.of(fields.createdAt(), NumberText.XML_DIGITS));
        set(info, "uid", fields.uid());
        set(info, "session_id", fields.sessionId());
        set(info, "hostname", fields.hostname());
        set(info, "v4address", "");
        set(info, "v4data_port", Integer.toString(fields.dataPort()));
        set(info, "v4service_port", Integer.toString(fields.servicePort()));
        set(info, "v6address", "");
        set(info, "v6data_port", Integer.toString(fields.v6DataPort()));
        set(info, "v6service_port", Integer.toString(fields.v6ServicePort()));
        if (child(info, "desc") == null) {
            info.appendChild(document.createElement("desc"));
        }
        this.uid = fields.uid();
        this.fullInfo = serialize(document);

        Document brief = (Document) document.cloneNode(true);
        Element desc = child(brief.getDocumentElement(), "desc");
        while (desc.getFirstChild() != null) {
            desc.removeChild(desc.getFirstChild());
        }
        this.shortInfo = serialize(brief);
    }

    String uid() {
        return uid;
    }

    /** The full info (with desc), UTF-8. Do not modify. */
    byte[] fullInfo() {
        return fullInfo;
    }

    /** The short info (empty desc), UTF-8. Do not modify. */
    byte[] shortInfo() {
        return shortInfo;
    }

    /** A matcher of resolver queries against the full document (like liblsl, which matches its whole info). */
    InfoQueryMatcher queryMatcher() {
        return new InfoQueryMatcher(document);
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new LslException("cannot parse the stream info XML template: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** Sets the text of {@code <info>/<name>}, creating the element (before {@code <desc>}) when missing. */
    private void set(Element info, String name, String text) {
        Element e = child(info, name);
        if (e == null) {
            e = document.createElement(name);
            Element desc = child(info, "desc");
            info.insertBefore(e, desc);
        }
        e.setTextContent(text);
    }

    private static byte[] serialize(Document doc) {
        try {
            return InfoXmlWriter.write(doc.getDocumentElement()).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new LslException("cannot serialize the stream info XML: " + e.getMessage(), e);
        }
    }
}
