package org.neuroloop.ingest.recording;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

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

    private XdfReader() {
    }

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
        Map<Long, StreamBuilder> streams = new LinkedHashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        boolean sawFileHeader = false;
        while (in.remaining() > 0) {
            long chunkStart = in.position();
            long length = varLength(in, "chunk length");
            if (length < 2) {
                throw in.fail(chunkStart, "a chunk length >= 2 (tag + content), found " + length);
            }
            if (length > in.remaining()) {
                throw in.fail(chunkStart, "a chunk of " + length + " bytes, only " + in.remaining()
                        + " bytes left in the file (truncated?)");
            }
            long contentEnd = in.position() + length;
            long tagAt = in.position();
            int tag = in.u16("chunk tag");
            switch (tag) {
                case TAG_FILE_HEADER -> {
                    String xml = new String(in.bytes(contentEnd - in.position(), "FileHeader XML"), StandardCharsets.UTF_8);
                    Element root = parseXml(xml, in, tagAt + 2, "FileHeader");
                    props.put("fileHeaderXml", xml);
                    props.put("version", text(root, "version"));
                    sawFileHeader = true;
                }
                case TAG_STREAM_HEADER -> {
                    long id = streamId(in, contentEnd);
                    long xmlAt = in.position();
                    String xml = new String(in.bytes(contentEnd - in.position(), "StreamHeader XML"), StandardCharsets.UTF_8);
                    if (streams.containsKey(id)) {
                        throw in.fail(tagAt, "one StreamHeader per stream id, stream " + id + " has a second one");
                    }
                    streams.put(id, new StreamBuilder(id, xml, parseXml(xml, in, xmlAt, "StreamHeader"), in, xmlAt));
                }
                case TAG_SAMPLES -> {
                    long id = streamId(in, contentEnd);
                    StreamBuilder s = known(streams, id, in, tagAt, "Samples");
                    s.readSamples(in, contentEnd);
                }
                case TAG_CLOCK_OFFSET -> {
                    long id = streamId(in, contentEnd);
                    StreamBuilder s = known(streams, id, in, tagAt, "ClockOffset");
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
                    StreamBuilder s = known(streams, id, in, tagAt, "StreamFooter");
                    s.footerXml = new String(in.bytes(contentEnd - in.position(), "StreamFooter XML"), StandardCharsets.UTF_8);
                }
                default -> throw in.fail(tagAt, "a chunk tag 1-6 (FileHeader, StreamHeader, Samples, ClockOffset,"
                        + " Boundary, StreamFooter), found " + tag);
            }
            if (in.position() != contentEnd) {
                throw in.fail(in.position(), "the end of the chunk that started at byte " + chunkStart + " (tag " + tag
                        + ", " + length + " bytes) at byte " + contentEnd);
            }
        }
        if (!sawFileHeader) {
            throw in.fail(4, "a FileHeader chunk");
        }
        List<RecordedStream> out = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        for (StreamBuilder s : streams.values()) {
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

    private static StreamBuilder known(Map<Long, StreamBuilder> streams, long id, FileBytes in, long at, String chunk)
            throws RecordingFormatException {
        StreamBuilder s = streams.get(id);
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
            throw new RecordingFormatException(in.file(), at, "well-formed " + what + " XML (" + e.getMessage() + ")", e);
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

    /** Per-stream state while the chunks are read. */
    private static final class StreamBuilder {
        final long id;
        final String xml;
        final String name;
        final String type;
        final String sourceId;
        final int channels;
        final double rate;
        final ChannelFormat format;
        final List<String> labels = new ArrayList<>();
        final List<String> units = new ArrayList<>();
        final double tdiff;
        double lastTimestamp;
        String footerXml = "";
        double[] ts = new double[0];
        double[] values;
        String[] strings;
        int[] offsetsBefore = new int[0];
        int n;
        double[] clockTimes = new double[8];
        double[] clockValues = new double[8];
        int clocks;

        StreamBuilder(long id, String xml, Element info, FileBytes in, long at) throws RecordingFormatException {
            this.id = id;
            this.xml = xml;
            name = text(info, "name");
            type = text(info, "type");
            sourceId = text(info, "source_id");
            String cc = text(info, "channel_count");
            try {
                channels = Integer.parseInt(cc);
            } catch (NumberFormatException e) {
                throw in.fail(at, "an integer channel_count in the header of stream " + id + ", found '" + cc + "'");
            }
            if (channels < 1 || channels > MAX_CHANNELS) {
                throw in.fail(at, "a channel_count between 1 and " + MAX_CHANNELS + " for stream " + id + ", found " + channels);
            }
            String sr = text(info, "nominal_srate");
            try {
                rate = sr.isEmpty() ? 0 : Double.parseDouble(sr);
            } catch (NumberFormatException e) {
                throw in.fail(at, "a number for nominal_srate of stream " + id + ", found '" + sr + "'");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw in.fail(at, "a nominal_srate >= 0 for stream " + id + ", found " + sr);
            }
            format = ChannelFormat.fromXdfName(text(info, "channel_format"));
            if (format == null) {
                throw in.fail(at, "a channel_format of float32, double64, string, int8, int16, int32 or int64 for stream "
                        + id + ", found '" + text(info, "channel_format") + "'");
            }
            tdiff = rate > 0 ? 1.0 / rate : 0;
            if (format.isString()) {
                strings = new String[0];
            } else {
                values = new double[0];
            }
            Element desc = child(info, "desc");
            Element chans = desc == null ? null : child(desc, "channels");
            List<Element> chanList = new ArrayList<>();
            if (chans != null) {
                NodeList nl = chans.getChildNodes();
                for (int i = 0; i < nl.getLength(); i++) {
                    if (nl.item(i) instanceof Element e && e.getTagName().equals("channel")) {
                        chanList.add(e);
                    }
                }
            }
            for (int c = 0; c < channels; c++) {
                Element e = c < chanList.size() ? chanList.get(c) : null;
                String label = e == null ? "" : text(e, "label");
                if (label.isEmpty() && e != null) {
                    label = text(e, "name");
                }
                labels.add(label.isEmpty() ? (format.isString() ? (channels == 1 ? name : name + (c + 1)) : "ch" + (c + 1)) : label);
                units.add(e == null ? "" : text(e, "unit"));
            }
        }

        void addClockOffset(double time, double value) {
            if (clocks == clockTimes.length) {
                clockTimes = Arrays.copyOf(clockTimes, clocks * 2);
                clockValues = Arrays.copyOf(clockValues, clocks * 2);
            }
            clockTimes[clocks] = time;
            clockValues[clocks] = value;
            clocks++;
        }

        private void ensure(int more) {
            int need = n + more;
            if (need > ts.length) {
                int cap = Math.max(need, ts.length * 2);
                ts = Arrays.copyOf(ts, cap);
                offsetsBefore = Arrays.copyOf(offsetsBefore, cap);
                if (values != null) {
                    values = Arrays.copyOf(values, cap * channels);
                } else {
                    strings = Arrays.copyOf(strings, cap * channels);
                }
            }
        }

        void readSamples(FileBytes in, long end) throws RecordingFormatException {
            long at = in.position();
            long count = varLength(in, "number of samples");
            long left = end - in.position();
            long minPerSample = 1 + (format.isString() ? 2L * channels : (long) format.bytes() * channels);
            if (count > left / minPerSample) {
                throw in.fail(at, count + " samples of stream " + id + " (" + channels + " x " + format.xdfName()
                        + ", at least " + minPerSample + " bytes each), only " + left + " bytes left in the chunk");
            }
            ensure((int) count);
            for (long k = 0; k < count; k++) {
                long tsAt = in.position();
                int tsBytes = in.u8("timestamp byte count");
                double t;
                if (tsBytes == 8) {
                    requireInChunk(in, 8, end, "timestamp");
                    t = in.f64("timestamp");
                } else if (tsBytes == 0) {
                    t = lastTimestamp + tdiff;
                } else {
                    throw in.fail(tsAt, "a timestamp byte count of 0 or 8 for sample " + k + " of stream " + id
                            + ", found " + tsBytes);
                }
                lastTimestamp = t;
                ts[n] = t;
                offsetsBefore[n] = clocks;
                int base = n * channels;
                if (format.isString()) {
                    for (int c = 0; c < channels; c++) {
                        long len = varLength(in, "string length");
                        requireInChunk(in, len, end, "string value");
                        strings[base + c] = new String(in.bytes(len, "string value"), StandardCharsets.UTF_8);
                    }
                } else {
                    requireInChunk(in, (long) format.bytes() * channels, end, "sample values");
                    for (int c = 0; c < channels; c++) {
                        values[base + c] = switch (format) {
                            case FLOAT32 -> in.f32("float32 value");
                            case DOUBLE64 -> in.f64("double64 value");
                            case INT8 -> (byte) in.u8("int8 value");
                            case INT16 -> (short) in.u16("int16 value");
                            case INT32 -> in.i32("int32 value");
                            case INT64 -> in.i64("int64 value");
                            default -> throw new IllegalStateException(format.toString());
                        };
                    }
                }
                n++;
            }
        }

        private void requireInChunk(FileBytes in, long bytes, long end, String what) throws RecordingFormatException {
            if (bytes > end - in.position()) {
                throw in.fail(in.position(), bytes + " bytes of " + what + " for stream " + id + ", only "
                        + (end - in.position()) + " bytes left in the Samples chunk");
            }
        }

        RecordedStream build(Options options, Path file) {
            double[] t = Arrays.copyOf(ts, n);
            int[] gaps = new int[0];
            if (options.synchronizeClocks() && clocks > 0 && n > 0) {
                XdfClockSync.Result r = XdfClockSync.synchronize(t, Arrays.copyOf(clockTimes, clocks),
                        Arrays.copyOf(clockValues, clocks), Arrays.copyOf(offsetsBefore, n), options.handleClockResets());
                t = r.timestamps();
                gaps = r.gapStarts();
            }
            if (options.dejitter() && !format.isString()) {
                XdfClockSync.Result r = XdfDejitter.dejitter(t, rate, gaps);
                t = r.timestamps();
                gaps = r.gapStarts();
            }
            List<String> outUnits = new ArrayList<>(channels);
            double[] v = null;
            if (!format.isString()) {
                v = Arrays.copyOf(values, n * channels);
                for (int c = 0; c < channels; c++) {
                    double f = VoltageUnits.toMicrovolt(units.get(c));
                    if (!Double.isNaN(f) && f != 1) {
                        for (int i = 0; i < n; i++) {
                            v[i * channels + c] *= f;
                        }
                    }
                    outUnits.add(Double.isNaN(f) ? units.get(c) : VoltageUnits.MICROVOLT);
                }
            } else {
                outUnits.addAll(units);
            }
            Map<String, String> p = new LinkedHashMap<>();
            p.put("streamId", Long.toString(id));
            p.put("xml", xml);
            p.put("footerXml", footerXml);
            p.put("clockOffsets", Integer.toString(clocks));
            return new RecordedStream(name.isEmpty() ? "stream" + id : name, type, sourceId, labels, outUnits, rate,
                    format, t, v, format.isString() ? Arrays.copyOf(strings, n * channels) : null, gaps, p);
        }
    }
}
