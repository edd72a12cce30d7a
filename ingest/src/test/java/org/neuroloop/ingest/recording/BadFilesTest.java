package org.neuroloop.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted copies of real files, written to a temp dir: every reader must fail with the file, the byte offset
 * and what it expected, without reading past the file or allocating what a header claims.
 */
class BadFilesTest {
    @TempDir
    Path tmp;

    private Path corrupt(String rel, String name, UnaryOperator<byte[]> edit) throws IOException {
        byte[] b = Files.readAllBytes(Fixtures.DATA.resolve(rel));
        Path out = tmp.resolve(name);
        Files.write(out, edit.apply(b));
        return out;
    }

    private static byte[] put(byte[] b, int at, String ascii) {
        byte[] c = b.clone();
        byte[] s = ascii.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, c, at, s.length);
        return c;
    }

    private static RecordingFormatException fails(Path file, long offset, String expectedFragment) {
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> Recordings.open(file));
        assertEquals(file, e.file());
        if (offset >= 0) {
            assertEquals(offset, e.offset(), e.getMessage());
        }
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
        return e;
    }

    private static final String EDF = "mi/eegmmidb/S001R04.edf";

    @Test
    void edfTruncatedInTheData() throws Exception {
        Path f = corrupt(EDF, "truncated.edf", b -> Arrays.copyOf(b, b.length / 2));
        RecordingFormatException e = fails(f, -1, "truncated file or wrong header");
        assertTrue(
                e.offset() > 16896 && e.offset() <= 2596896 / 2,
                "offset of the first incomplete record: " + e.offset());
    }

    @Test
    void edfTruncatedInTheHeader() throws Exception {
        fails(corrupt(EDF, "short.edf", b -> Arrays.copyOf(b, 100)), 0, "256-byte");
        fails(corrupt(EDF, "short-signals.edf", b -> Arrays.copyOf(b, 3000)), 252, "fit in the file");
    }

    @Test
    void edfWrongSizesInTheHeader() throws Exception {
        fails(corrupt(EDF, "hdrbytes.edf", b -> put(b, 184, "99999   ")), 184, "header bytes = 256 * (signals + 1)");
        fails(corrupt(EDF, "signals.edf", b -> put(b, 252, "9999")), 184, "= 2560000 for 9999 signals");
        fails(corrupt(EDF, "records.edf", b -> put(b, 236, "99999999")), -1, "99999999 data records");
        fails(corrupt(EDF, "negrecords.edf", b -> put(b, 236, "-7      ")), 236, "number of data records >= 0");
        // samples-per-record field of the first signal: 256 + 65 * (16 + 80 + 8 * 5 + 80)
        int at = 256 + 65 * 216;
        fails(corrupt(EDF, "negsamples.edf", b -> put(b, at, "-5      ")), at, "number of samples per record");
        fails(corrupt(EDF, "hugesamples.edf", b -> put(b, at, "99999999")), at, "between 0 and the file size");
        fails(corrupt(EDF, "notanumber.edf", b -> put(b, 244, "one sec ")), 244, "a number for the duration");
        fails(corrupt(EDF, "version.edf", b -> put(b, 0, "X")), 0, "version");
    }

    @Test
    void edfBrokenAnnotation() throws Exception {
        // first byte of the annotation signal in record 0: header + 64 signals x 160 samples x 2 bytes
        int at = 16896 + 64 * 160 * 2;
        fails(corrupt(EDF, "tal.edf", b -> put(b, at, "x")), at, "TAL onset");
    }

    // ---- XDF, built chunk by chunk ----

    private static byte[] chunk(int tag, byte[] content) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 2 + content.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 4).putInt(2 + content.length).putShort((short) tag).put(content);
        return b.array();
    }

    private static byte[] withId(int id, byte[] rest) {
        return ByteBuffer.allocate(4 + rest.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(id)
                .put(rest)
                .array();
    }

    private static byte[] header(int channels, String format) {
        return ("<?xml version=\"1.0\"?><info><name>S</name><type>EEG</type><channel_count>" + channels
                        + "</channel_count><nominal_srate>100</nominal_srate><channel_format>" + format
                        + "</channel_format></info>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Path xdf(String name, byte[]... chunks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("XDF:".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(chunk(
                1, "<?xml version=\"1.0\"?><info><version>1.0</version></info>".getBytes(StandardCharsets.UTF_8)));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        Path p = tmp.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static byte[] samplesClaiming(long count, int bytesAfter) {
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 8 + bytesAfter).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).put((byte) 8).putLong(count);
        return b.array();
    }

    @Test
    void xdfBadChunks() throws Exception {
        byte[] hdr = chunk(2, withId(0, header(2, "float32")));
        // Each header is 2+4+XML; first chunk starts after "XDF:" and the file header chunk.
        long afterFileHeader = 4
                + chunk(
                                1,
                                "<?xml version=\"1.0\"?><info><version>1.0</version></info>"
                                        .getBytes(StandardCharsets.UTF_8))
                        .length;
        fails(xdf("tag.xdf", hdr, chunk(77, new byte[16])), afterFileHeader + hdr.length + 5, "chunk tag 1-6");
        fails(
                xdf("absurd-channels.xdf", chunk(2, withId(0, header(2_000_000_000, "float32")))),
                -1,
                "channel_count between 1 and");
        fails(xdf("zero-channels.xdf", chunk(2, withId(0, header(0, "float32")))), -1, "channel_count between 1 and");
        fails(xdf("format.xdf", chunk(2, withId(0, header(2, "complex128")))), -1, "channel_format");
        fails(xdf("samples.xdf", hdr, chunk(3, samplesClaiming(1L << 40, 16))), -1, "only 16 bytes left in the chunk");
        fails(xdf("negative.xdf", hdr, chunk(3, samplesClaiming(-3, 16))), -1, "non-negative number of samples");
        fails(xdf("no-header.xdf", chunk(3, samplesClaiming(1, 9))), -1, "StreamHeader for stream 0");
        fails(xdf("clock.xdf", hdr, chunk(4, withId(0, new byte[8]))), -1, "ClockOffset chunk of 2 + 4 + 16 bytes");
        fails(xdf("boundary.xdf", chunk(5, new byte[3])), -1, "16-byte UUID");
        fails(
                xdf("xml.xdf", chunk(2, withId(0, "<info><name>".getBytes(StandardCharsets.UTF_8)))),
                -1,
                "well-formed StreamHeader XML");
        // a string value claiming more bytes than the chunk holds
        ByteBuffer s = ByteBuffer.allocate(4 + 2 + 1 + 1 + 4 + 3).order(ByteOrder.LITTLE_ENDIAN);
        s.putInt(0)
                .put((byte) 1)
                .put((byte) 1)
                .put((byte) 0)
                .put((byte) 4)
                .putInt(1_000_000)
                .put(new byte[3]);
        fails(
                xdf("string.xdf", chunk(2, withId(0, header(1, "string"))), chunk(3, s.array())),
                -1,
                "bytes of string value");
    }

    @Test
    void xdfLengthsBeyondTheFile() throws Exception {
        Path minimal = Fixtures.DATA.resolve("formats/xdf/xdf-example-files/minimal.xdf");
        byte[] b = Files.readAllBytes(minimal);
        Path cut = tmp.resolve("cut.xdf");
        Files.write(cut, Arrays.copyOf(b, b.length - 40));
        fails(cut, -1, "left in the file (truncated?)");
        // A chunk length of 2^63 - 1 (8-byte width) right after the magic.
        ByteBuffer huge = ByteBuffer.allocate(4 + 9 + 2).order(ByteOrder.LITTLE_ENDIAN);
        huge.put("XDF:".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 8)
                .putLong(Long.MAX_VALUE)
                .putShort((short) 1);
        Path h = tmp.resolve("huge.xdf");
        Files.write(h, huge.array());
        fails(h, 4, "a chunk of 9223372036854775807 bytes");
        ByteBuffer neg = ByteBuffer.allocate(4 + 9 + 2).order(ByteOrder.LITTLE_ENDIAN);
        neg.put("XDF:".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 8)
                .putLong(-2)
                .putShort((short) 1);
        Path n = tmp.resolve("neg.xdf");
        Files.write(n, neg.array());
        fails(n, 4, "non-negative chunk length");
        ByteBuffer width = ByteBuffer.allocate(4 + 3).order(ByteOrder.LITTLE_ENDIAN);
        width.put("XDF:".getBytes(StandardCharsets.US_ASCII)).put((byte) 3).putShort((short) 1);
        Path w = tmp.resolve("width.xdf");
        Files.write(w, width.array());
        fails(w, 4, "width byte 1, 4 or 8");
    }

    // ---- GDF, BDF, BrainVision ----

    @Test
    void gdfBadHeaders() throws Exception {
        String gdf = "formats/gdf/test_1ch.gdf";
        fails(corrupt(gdf, "trunc.gdf", b -> Arrays.copyOf(b, 5000)), 236, "truncated file or wrong header");
        fails(
                corrupt(gdf, "ns.gdf", b -> {
                    byte[] c = b.clone();
                    c[252] = (byte) 0xff;
                    c[253] = (byte) 0x7f;
                    return c;
                }),
                252,
                "number of signals");
        fails(
                corrupt(gdf, "type.gdf", b -> {
                    byte[] c = b.clone();
                    c[476] = 99;
                    return c;
                }),
                476,
                "GDF data type");
    }

    @Test
    void bdfTruncated() throws Exception {
        fails(
                corrupt("formats/bdf/test_bdf_stim_channel.bdf", "t.bdf", b -> Arrays.copyOf(b, b.length - 1)),
                -1,
                "truncated file or wrong header");
    }

    @Test
    void brainVisionDataOfPartialSamples() throws Exception {
        Path dir = Fixtures.DATA.resolve("formats/brainvision");
        Files.copy(dir.resolve("Analyzer_nV_Export.vhdr"), tmp.resolve("Analyzer_nV_Export.vhdr"));
        Files.copy(dir.resolve("Analyzer_nV_Export.vmrk"), tmp.resolve("Analyzer_nV_Export.vmrk"));
        byte[] eeg = Files.readAllBytes(dir.resolve("Analyzer_nV_Export.eeg"));
        Path data = tmp.resolve("Analyzer_nV_Export.eeg");
        Files.write(data, Arrays.copyOf(eeg, eeg.length - 3));
        RecordingFormatException e = assertThrows(
                RecordingFormatException.class, () -> Recordings.open(tmp.resolve("Analyzer_nV_Export.vhdr")));
        assertEquals(data.getFileName(), e.file().getFileName());
        assertTrue(e.getMessage().contains("whole samples"), e.getMessage());
    }
}
