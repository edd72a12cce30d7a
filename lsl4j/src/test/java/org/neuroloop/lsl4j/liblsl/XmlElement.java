package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of a stream info's XML tree ({@code lsl_xml_ptr}), usually under {@link StreamInfo#desc()}.
 *
 * <p>Not owned: it is valid only while its {@link StreamInfo} is open. Navigation past the tree yields an
 * "empty" element ({@link #isEmpty()}), as in liblsl (pugixml), rather than null.
 */
public final class XmlElement {
    private final StreamInfo owner;
    private final Pointer ptr;

    XmlElement(StreamInfo owner, Pointer ptr) {
        this.owner = owner;
        this.ptr = ptr;
    }

    private Pointer p() {
        owner.handle(); // fails once the owning info is closed
        return ptr;
    }

    private XmlElement wrap(Pointer q) {
        return new XmlElement(owner, q);
    }

    /** True for the null element returned when navigation fails. */
    public boolean isEmpty() {
        return ptr == null || Pointer.nativeValue(ptr) == 0 || LslNative.lsl_empty(p()) != 0;
    }

    public String name() {
        return LslNative.lsl_name(p());
    }

    /** Text of the first text child, e.g. {@code "uV"} for {@code <unit>uV</unit>}; "" if none. */
    public String text() {
        return LslNative.lsl_child_value(p());
    }

    /** Text of the named child, "" if absent. */
    public String childText(String name) {
        return LslNative.lsl_child_value_n(p(), name);
    }

    public XmlElement child(String name) {
        return wrap(LslNative.lsl_child(p(), name));
    }

    public XmlElement firstChild() {
        return wrap(LslNative.lsl_first_child(p()));
    }

    public XmlElement nextSibling() {
        return wrap(LslNative.lsl_next_sibling(p()));
    }

    public XmlElement nextSibling(String name) {
        return wrap(LslNative.lsl_next_sibling_n(p(), name));
    }

    public XmlElement parent() {
        return wrap(LslNative.lsl_parent(p()));
    }

    /** All children with the given name, in document order. */
    public List<XmlElement> children(String name) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement e = child(name); !e.isEmpty(); e = e.nextSibling(name)) {
            out.add(e);
        }
        return out;
    }

    /** Appends {@code <name/>} and returns it. */
    public XmlElement appendChild(String name) {
        return wrap(LslNative.lsl_append_child(p(), name));
    }

    /** Appends {@code <name>value</name>} and returns this element, for chaining. */
    public XmlElement appendChildValue(String name, String value) {
        LslNative.lsl_append_child_value(p(), name, value);
        return this;
    }

    /** Sets the text of the named child; false if there is no such child. */
    public boolean setChildText(String name, String value) {
        return LslNative.lsl_set_child_value(p(), name, value) != 0;
    }

    public void removeChild(String name) {
        LslNative.lsl_remove_child_n(p(), name);
    }

    @Override
    public String toString() {
        return isEmpty() ? "<empty>" : "<" + name() + ">";
    }
}
