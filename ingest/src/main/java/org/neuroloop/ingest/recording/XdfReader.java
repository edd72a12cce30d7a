package org.neuroloop.ingest.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Reads XDF 1.0 files (github.com/sccn/xdf, the format LabRecorder writes): all chunk types (FileHeader,
 * StreamHeader, Samples, ClockOffset, Boundary, StreamFooter), any number of streams, numeric and string
 * formats, timestamps deduced from the nominal rate where a sample omits its own, and clock synchronisation
 * from the ClockOffset chunks ({@link XdfClockSync}, as pyxdf with {@code handle_clock_resets=True}).
 * Dejittering (pyxdf's {@code dejitter_timestamps}, {@link XdfDejitter}) is optional and off by default, so
 * timestamps stay as recorded plus the clock correction unless asked.
 *
 * <p>Every chunk length, sample count and string length is checked against the file and the chunk before it
 * is used; an unknown chunk tag, a negative or oversized length or a truncated chunk throws a
 * {@link RecordingFormatException} with the byte offset.
 *
 * <p>Voltage channels whose {@code unit} is V/mV/nV are converted to µV. A two-channel string stream of type
 * {@code Annotations} (written by {@link XdfWriter} for a recording's annotations) is read back as annotations.
 */
public final class XdfReader {
    static final int TAG_FILE_HEADER = 1;
    static final int TAG_STREAM_HEADER = 2;
    static final int TAG_SAMPLES = 3;
    static final int TAG_CLOCK_OFFSET = 4;
    static final int TAG_BOUNDARY = 5;
    static final int TAG_STREAM_FOOTER = 6;
    static final String ANNOTATIONS_TYPE = "Annotations";
    /** More channels than any amplifier has: a header claiming this many is corrupt. */
    static final int MAX_CHANNELS = 1 << 20;

    /**
     * @param synchronizeClocks apply the ClockOffset chunks (pyxdf's {@code synchronize_clocks})
     * @param handleClockResets segment the offsets at clock resets (pyxdf's {@code handle_clock_resets})
     * @param dejitter replace regular streams' timestamps by their per-segment regression line (pyxdf's
     *                 {@code dejitter_timestamps})
     */
    public record Options(boolean synchronizeClocks, boolean handleClockResets, boolean dejitter) {
        /** Clock offsets applied with reset handling, no dejitter. */
        public static final Options DEFAULT = new Options(true, true, false);
        /** Timestamps exactly as stored. */
        public static final Options RAW = new Options(false, false, false);
        /** pyxdf's defaults: clock sync with reset handling, then dejitter. */
        public static final Options PYXDF = new Options(true, true, true);
    }

    private XdfReader() {}

    public static Recording read(Path file) throws IOException {
        return read(file, Options.DEFAULT);
    }

    public static Recording read(Path file, Options options) throws IOException {
        return read(FileBytes.open(file), options);
    }

    static Recording read(FileBytes in, Options options) throws IOException {
        Path file = in.file();
        byte[] magic = in.bytes(Math.min(4, in.remaining()), "magic");
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals("XDF:")) {
            throw in.fail(0, "the XDF magic 'XDF:'");
        }
        Map<Long, XdfStreamBuilder> streams = new LinkedHashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        boolean sawFileHeader = false;
        while (in.remaining() > 0) {
            long chunkStart = in.position();
            long length = varLength(in, "chunk length");
            if (length < 2) {
                throw in.fail(chunkStart, "a chunk length >= 2 (tag + content), found " + length);
            }
            if (length > in.remaining()) {
                throw in.fail(
                        chunkStart,
                        "a chunk of " + length + " bytes, only " + in.remaining()
                                + " bytes left in the file (truncated?)");
            }
            long contentEnd = in.position() + length;
            long tagAt = in.position();
            int tag = in.u16("chunk tag");
            switch (tag) {
                case TAG_FILE_HEADER -> {
                    String xml =
                            new String(in.bytes(contentEnd - in.position(), "FileHeader XML"), StandardCharsets.UTF_8);
                    Element root = XdfXml.parseXml(xml, in, tagAt + 2, "FileHeader");
                    props.put("fileHeaderXml", xml);
                    props.put("version", XdfXml.text(root, "version"));
                    sawFileHeader = true;
                }
                case TAG_STREAM_HEADER -> {
                    long id = streamId(in, contentEnd);
                    long xmlAt = in.position();
                    String xml = new String(
                            in.bytes(contentEnd - in.position(), "StreamHeader XML"), StandardCharsets.UTF_8);
                    if (streams.containsKey(id)) {
                        throw in.fail(tagAt, "one StreamHeader per stream id, stream " + id + " has a second one");
                    }
                    streams.put(
                            id,
                            new XdfStreamBuilder(id, xml, XdfXml.parseXml(xml, in, xmlAt, "StreamHeader"), in, xmlAt));
                }
                case TAG_SAMPLES -> {
                    long id = streamId(in, contentEnd);
                    XdfStreamBuilder s = known(streams, id, in, tagAt, "Samples");
                    s.readSamples(in, contentEnd);
                }
                case TAG_CLOCK_OFFSET -> {
                    long id = streamId(in, contentEnd);
                    XdfStreamBuilder s = known(streams, id, in, tagAt, "ClockOffset");
                    if (contentEnd - in.position() != 16) {
                        throw in.fail(tagAt, "a ClockOffset chunk of 2 + 4 + 16 bytes, found length " + length);
                    }
                    s.addClockOffset(in.f64("clock offset collection time"), in.f64("clock offset value"));
                }
                case TAG_BOUNDARY -> {
                    if (contentEnd - in.position() != 16) {
                        throw in.fail(tagAt, "a Boundary chunk with a 16-byte UUID, found length " + length);
                    }
                    in.skip(16, "boundary UUID");
                }
                case TAG_STREAM_FOOTER -> {
                    long id = streamId(in, contentEnd);
                    XdfStreamBuilder s = known(streams, id, in, tagAt, "StreamFooter");
                    s.footerXml = new String(
                            in.bytes(contentEnd - in.position(), "StreamFooter XML"), StandardCharsets.UTF_8);
                }
                default ->
                    throw in.fail(
                            tagAt,
                            "a chunk tag 1-6 (FileHeader, StreamHeader, Samples, ClockOffset,"
                                    + " Boundary, StreamFooter), found " + tag);
            }
            if (in.position() != contentEnd) {
                throw in.fail(
                        in.position(),
                        "the end of the chunk that started at byte " + chunkStart + " (tag " + tag + ", " + length
                                + " bytes) at byte " + contentEnd);
            }
        }
        if (!sawFileHeader) {
            throw in.fail(4, "a FileHeader chunk");
        }
        List<RecordedStream> out = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        for (XdfStreamBuilder s : streams.values()) {
            RecordedStream rs = s.build(options, file);
            if (rs.isString() && rs.type().equals(ANNOTATIONS_TYPE) && rs.channelCount() == 2) {
                String[] v = rs.strings();
                for (int i = 0; i < rs.sampleCount(); i++) {
                    double duration;
                    try {
                        duration = Double.parseDouble(v[2 * i + 1]);
                    } catch (NumberFormatException e) {
                        duration = 0;
                    }
                    annotations.add(new Annotation(rs.timestamps()[i], duration, v[2 * i]));
                }
            } else {
                out.add(rs);
            }
        }
        return new Recording(file, "xdf", out, annotations, props);
    }

    private static XdfStreamBuilder known(
            Map<Long, XdfStreamBuilder> streams, long id, FileBytes in, long at, String chunk)
            throws RecordingFormatException {
        XdfStreamBuilder s = streams.get(id);
        if (s == null) {
            throw in.fail(at, "a StreamHeader for stream " + id + " before its " + chunk + " chunk");
        }
        return s;
    }

    private static long streamId(FileBytes in, long contentEnd) throws RecordingFormatException {
        if (contentEnd - in.position() < 4) {
            throw in.fail(in.position(), "a 4-byte stream id inside the chunk");
        }
        return in.u32("stream id");
    }

    /** XDF variable-length integer: 1 byte giving the width (1, 4 or 8), then the unsigned value. */
    static long varLength(FileBytes in, String what) throws RecordingFormatException {
        long at = in.position();
        int width = in.u8(what + " width");
        long v = switch (width) {
            case 1 -> in.u8(what);
            case 4 -> in.u32(what);
            case 8 -> in.i64(what);
            default -> throw in.fail(at, "a variable-length " + what + " with width byte 1, 4 or 8, found " + width);
        };
        if (v < 0) {
            throw in.fail(at, "a non-negative " + what + ", found " + Long.toUnsignedString(v));
        }
        return v;
    }
}
