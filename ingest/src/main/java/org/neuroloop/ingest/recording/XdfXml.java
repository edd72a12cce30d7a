package org.neuroloop.ingest.recording;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The XML of XDF stream headers and footers: parsed safely (no DTD, no entities, no stderr) and read by tag. */
final class XdfXml {

    private XdfXml() {}

    static Element parseXml(String xml, FileBytes in, long at, String what) throws RecordingFormatException {
        try {
            DocumentBuilder b;
            synchronized (XML) {
                b = XML.newDocumentBuilder();
            }
            b.setErrorHandler(SilentXmlErrors.INSTANCE);
            Document d = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new RecordingFormatException(
                    in.file(), at, "well-formed " + what + " XML (" + e.getMessage() + ")", e);
        }
    }

    /** Configured once: looking the factory up is slow, and no header may declare a DTD or expand entities. */
    private static final DocumentBuilderFactory XML = xmlFactory();

    private static DocumentBuilderFactory xmlFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks secure processing", e);
        }
    }

    /** Text of the first direct child element {@code name}, or "" if absent. */
    static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
