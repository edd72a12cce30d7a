package org.neuroloop.lsl4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroloop.lsl4j.LslException;

/**
 * The info document, query matching, number formatting and config reading behind {@link WireOutlet}, checked
 * against the liblsl 1.10 capture in {@code ../shared/lsl/captures/capture_f32_110npm.txt}.
 */
class WireOutletInfoTest {
    private static final Path CAPTURE = Path.of("../shared/lsl/captures/capture_f32_110npm.txt");

    /** The full info XML liblsl 1.10 served in the capture (its {@code LSL:fullinfo} reply). */
    private static String capturedFullInfo() throws IOException {
        String text = Files.readString(CAPTURE, StandardCharsets.UTF_8);
        int start = text.indexOf("<?xml", text.indexOf("=== LSL:fullinfo reply"));
        int end = text.indexOf("</info>", start) + "</info>".length();
        return text.substring(start, end);
    }

    private static StreamInfoDocument document() throws IOException {
        return new StreamInfoDocument(
                capturedFullInfo(),
                new StreamInfoDocument.OutletFields(
                        "uid-1", 539.17250801499995, "lab-7", "host-x", 16580, 16581, 0, 0));
    }

    private static String text(String xml, String element) {
        int a = xml.indexOf("<" + element + ">");
        int b = xml.indexOf("</" + element + ">");
        return a < 0 ? null : xml.substring(a + element.length() + 2, b);
    }

    @Test
    void fillsTheOutletFieldsAndKeepsTheDescriptionInTheFullInfoOnly() throws IOException {
        StreamInfoDocument doc = document();
        String full = new String(doc.fullInfo(), StandardCharsets.UTF_8);
        String brief = new String(doc.shortInfo(), StandardCharsets.UTF_8);
        for (String xml : List.of(full, brief)) {
            assertTrue(xml.startsWith("<?xml version=\"1.0\"?>\n<info>"), xml);
            assertEquals("V110", text(xml, "name"));
            assertEquals("EEG", text(xml, "type"));
            assertEquals("3", text(xml, "channel_count"));
            assertEquals("100", text(xml, "nominal_srate"));
            assertEquals("float32", text(xml, "channel_format"));
            assertEquals("vec-src", text(xml, "source_id"));
            assertEquals("1.1000000000000001", text(xml, "version"));
            assertEquals("539.17250801499995", text(xml, "created_at"));
            assertEquals("uid-1", text(xml, "uid"));
            assertEquals("lab-7", text(xml, "session_id"));
            assertEquals("host-x", text(xml, "hostname"));
            assertEquals("16580", text(xml, "v4data_port"));
            assertEquals("16581", text(xml, "v4service_port"));
            assertEquals("0", text(xml, "v6data_port"));
            assertTrue(xml.contains("<v4address/>") || xml.contains("<v4address></v4address>"), xml);
        }
        assertTrue(full.contains("<label>Cz</label>") && full.contains("<unit>microvolts</unit>"), full);
        assertTrue(brief.contains("<desc/>") && !brief.contains("<channels>"), brief);
    }

    @Test
    void matchesXPathPredicatesLikeTheLiblslResolverSends() throws IOException {
        InfoQueryMatcher m = document().queryMatcher();
        assertTrue(m.matches("session_id='lab-7' and name='V110'"));
        assertTrue(m.matches("session_id='lab-7' and source_id='vec-src'"));
        assertTrue(
                m.matches(
                        "channel_count='3' and name='V110' and type='EEG' and source_id='vec-src' and channel_format='float32'"));
        assertTrue(m.matches("starts-with(name,'V1') and channel_count>=3 and nominal_srate>50"));
        assertTrue(
                m.matches("desc/channels/channel[label='Cz']"), "like liblsl, the whole info (with desc) is matched");
        assertFalse(m.matches("session_id='default' and name='V110'"));
        assertFalse(m.matches("name='V11'"));
        assertFalse(m.matches("name=='broken"), "an invalid query matches nothing");
        assertFalse(m.matches(""), "an empty predicate is invalid XPath");
        assertTrue(m.matches("session_id='lab-7' and name='V110'"), "cached answer");
    }

    @Test
    void rejectsATemplateThatIsNotAnInfo() {
        assertThrows(
                LslException.class,
                () -> new StreamInfoDocument(
                        "<stream/>", new StreamInfoDocument.OutletFields("u", 1, "default", "h", 1, 2, 0, 0)));
        assertThrows(
                LslException.class,
                () -> new StreamInfoDocument(
                        "<info><name>x</info>",
                        new StreamInfoDocument.OutletFields("u", 1, "default", "h", 1, 2, 0, 0)));
    }

    @Test
    void printsNumbersLikeLiblsl() {
        // values from the capture: XML (lexical_cast, 17 digits) and the timedata reply (precision 16)
        assertEquals("1.1000000000000001", NumberText.of(1.10, NumberText.XML_DIGITS));
        assertEquals("539.17250801499995", NumberText.of(539.172508015, NumberText.XML_DIGITS));
        assertEquals("100", NumberText.of(100.0, NumberText.XML_DIGITS));
        assertEquals("540.96741979", NumberText.of(540.96741979, NumberText.TIMEDATA_DIGITS));
        assertEquals("540.967419790", NumberText.nanos(540.96741979));
        assertEquals("7.000000001", NumberText.nanos(7.000000001));
        assertEquals("-0.500000000", NumberText.nanos(-0.5));
        assertEquals(123456.789012345, Double.parseDouble(NumberText.nanos(123456.789012345)), 1e-9);
        assertEquals("540.967471847", NumberText.of(540.967471847, NumberText.TIMEDATA_DIGITS));
        assertEquals("0", NumberText.of(0.0, NumberText.XML_DIGITS));
        assertEquals(-0.001, Double.parseDouble(NumberText.of(-0.001, NumberText.XML_DIGITS)));
    }
}
