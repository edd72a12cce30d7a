package org.neuroloop.closedloop.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class OscMessageTest {

    /** The two example messages of the OSC 1.0 specification, byte for byte. */
    @Test
    void encodesTheSpecificationExamples() {
        assertArrayEquals(
                HexFormat.of().parseHex("2f6f7363696c6c61746f722f342f6672657175656e6379002c66000043dc0000"),
                new OscMessage("/oscillator/4/frequency", 440.0f).encode());
        assertArrayEquals(
                HexFormat.of()
                        .parseHex("2f666f6f000000002c696973666600000000"
                                + "03e8ffffffff68656c6c6f0000003f9df3b640b5b22d"),
                new OscMessage("/foo", 1000, -1, "hello", 1.234f, 5.678f).encode());
    }

    @Test
    void decodesWhatItEncodes() {
        OscMessage m = new OscMessage(
                "/neuroloop/stim", "S1#0", 7, 1.5f, 123456.789012345, 1L << 40, true, false, new byte[] {1, 2, 3, 4, 5
                });
        byte[] packet = m.encode();
        assertEquals(0, packet.length % 4, "OSC packets are 4-byte aligned");
        OscMessage back = OscMessage.decode(packet, packet.length);
        assertEquals(",sifdhTFb", back.typeTags());
        assertEquals(
                List.of("S1#0", 7, 1.5f, 123456.789012345, 1L << 40, true, false),
                back.arguments().subList(0, 7));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, (byte[]) back.arguments().get(7));
    }

    @Property(tries = 200)
    void stringsOfAnyLengthRoundTripWithPadding(@ForAll @AlphaChars @StringLength(max = 40) String s) {
        byte[] packet = new OscMessage("/s", s, 1).encode();
        assertEquals(0, packet.length % 4);
        assertEquals(List.of(s, 1), OscMessage.decode(packet, packet.length).arguments());
    }

    @Test
    void rejectsBadInputWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> new OscMessage("no-slash", 1));
        assertThrows(IllegalArgumentException.class, () -> new OscMessage("/x", new Object()));
        byte[] truncated = new OscMessage("/foo", 1000, -1).encode();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OscMessage.decode(truncated, truncated.length - 4));
        assertEquals("truncated OSC packet of " + (truncated.length - 4) + " bytes", e.getMessage());
    }
}
