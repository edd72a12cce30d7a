package org.neuroloop.lsl4j;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One element of a stream info's XML tree, usually under {@link StreamInfo#desc()} (liblsl's {@code xml_element}).
 * Navigation past the tree yields an "empty" element ({@link #isEmpty()}) rather than null, as in liblsl; writing to
 * an empty element does nothing. Edits change the owning {@link StreamInfo}.
 */
public final class XmlElement {
    private final Element element;

    XmlElement(Element element) {
        this.element = element;
    }

    private static final XmlElement EMPTY = new XmlElement(null);

    private static XmlElement wrap(Node n) {
        return n instanceof Element e ? new XmlElement(e) : EMPTY;
    }

    /** True for the element returned when navigation fails. */
    public boolean isEmpty() {
        return element == null;
    }

    public String name() {
        return element == null ? "" : element.getTagName();
    }

    /** Text of the first text child, e.g. {@code "uV"} for {@code <unit>uV</unit>}; "" if none. */
    public String text() {
        if (element == null) {
            return "";
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                return n.getNodeValue();
            }
        }
        return "";
    }

    /** Text of the named child, "" if absent. */
    public String childText(String name) {
        return child(name).text();
    }

    public XmlElement child(String name) {
        if (element == null) {
            return EMPTY;
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return new XmlElement(e);
            }
        }
        return EMPTY;
    }

    public XmlElement firstChild() {
        if (element == null) {
            return EMPTY;
        }
        Node n = element.getFirstChild();
        while (n != null && !(n instanceof Element)) {
            n = n.getNextSibling();
        }
        return wrap(n);
    }

    public XmlElement nextSibling() {
        if (element == null) {
            return EMPTY;
        }
        Node n = element.getNextSibling();
        while (n != null && !(n instanceof Element)) {
            n = n.getNextSibling();
        }
        return wrap(n);
    }

    public XmlElement nextSibling(String name) {
        XmlElement e = nextSibling();
        while (!e.isEmpty() && !e.name().equals(name)) {
            e = e.nextSibling();
        }
        return e;
    }

    public XmlElement parent() {
        return element == null ? EMPTY : wrap(element.getParentNode());
    }

    /** All children with the given name, in document order. */
    public List<XmlElement> children(String name) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c = child(name); !c.isEmpty(); c = c.nextSibling(name)) {
            out.add(c);
        }
        return out;
    }

    /** Appends {@code <name/>} and returns it. */
    public XmlElement appendChild(String name) {
        if (element == null) {
            return EMPTY;
        }
        Element e = element.getOwnerDocument().createElement(name);
        element.appendChild(e);
        return new XmlElement(e);
    }

    /** Appends {@code <name>value</name>} and returns this element, for chaining. */
    public XmlElement appendChildValue(String name, String value) {
        XmlElement c = appendChild(name);
        if (!c.isEmpty()) {
            c.element.setTextContent(value);
        }
        return this;
    }

    /** Sets the text of the named child; false if there is no such child. */
    public boolean setChildText(String name, String value) {
        XmlElement c = child(name);
        if (c.isEmpty()) {
            return false;
        }
        c.element.setTextContent(value);
        return true;
    }

    /** Sets this element's own text. */
    public XmlElement setText(String value) {
        if (element != null) {
            element.setTextContent(value);
        }
        return this;
    }

    /** Removes the first child with that name, if any. */
    public void removeChild(String name) {
        XmlElement c = child(name);
        if (!c.isEmpty()) {
            element.removeChild(c.element);
        }
    }

    @Override
    public String toString() {
        return isEmpty() ? "XmlElement[empty]" : "XmlElement[" + name() + "]";
    }
}
