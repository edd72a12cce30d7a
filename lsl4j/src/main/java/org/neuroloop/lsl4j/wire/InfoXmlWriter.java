package org.neuroloop.lsl4j.wire;

import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * Writes a stream info element as liblsl does: {@code <?xml version="1.0"?>}, a newline, the element unindented, a
 * newline. One place for the API's {@code StreamInfo#asXml} and the wire's {@link StreamInfoDocument}.
 */
public final class InfoXmlWriter {
    private InfoXmlWriter() {}

    public static String write(Element root) throws TransformerException {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Transformer t = tf.newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.setOutputProperty(OutputKeys.INDENT, "no");
        StringWriter w = new StringWriter();
        w.write("<?xml version=\"1.0\"?>\n");
        t.transform(new DOMSource(root), new StreamResult(w));
        w.write('\n');
        return w.toString();
    }
}
