package org.neuroloop.ingest.recording;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes XDF 1.0 files as LabRecorder does: magic, FileHeader, a StreamHeader per stream, Samples chunks (every
 * sample with its own 8-byte timestamp), ClockOffset chunks, Boundary chunks, and a StreamFooter per stream
 * (first/last timestamp, sample count, clock offsets) on {@link #close()}.
 *
 * <p>Thread-safe: a recorder may write from one thread per inlet. {@link #write(Path, Recording)} writes a whole
 * {@link Recording}; its annotations go into a 2-channel string stream of type {@code Annotations}
 * (label, duration) that {@link XdfReader} turns back into annotations.
 */
public final class XdfWriter implements Closeable {
    /** The Boundary chunk UUID of the XDF specification. */
    static final byte[] BOUNDARY = {
        0x43,
        (byte) 0xA5,
        0x46,
        (byte) 0xDC,
        (byte) 0xCB,
        (byte) 0xF5,
        0x41,
        0x0F,
        (byte) 0xB3,
        0x0E,
        (byte) 0xD5,
        0x46,
        0x73,
        (byte) 0x83,
        (byte) 0xCB,
        (byte) 0xE4
    };

    private final Path file;
    private final OutputStream out;
    private final Map<Integer, StreamState> streams = new LinkedHashMap<>();
    private boolean closed;

    private static final class StreamState {
        final int channels;
        final ChannelFormat format;
        double first = Double.NaN;
        double last = Double.NaN;
        long count;
        final List<double[]> offsets = new ArrayList<>();

        StreamState(int channels, ChannelFormat format) {
            this.channels = channels;
            this.format = format;
        }
    }

    private XdfWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Creates (or replaces) {@code file} and writes the magic and the FileHeader. */
    public static XdfWriter create(Path file) throws IOException {
        XdfWriter w = new XdfWriter(file, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        w.out.write("XDF:".getBytes(StandardCharsets.US_ASCII));
        w.chunk(
                XdfReader.TAG_FILE_HEADER,
                -1,
                "<?xml version=\"1.0\"?><info><version>1.0</version><writer>NeuroLoop</writer></info>"
                        .getBytes(StandardCharsets.UTF_8));
        return w;
    }

    public Path file() {
        return file;
    }

    /**
     * Declares a stream from its header XML (e.g. LSL's full stream info); the XML must hold
     * {@code channel_count} and {@code channel_format}, which samples are then checked against.
     */
    public synchronized void addStream(int streamId, String infoXml, int channels, ChannelFormat format)
            throws IOException {
        if (streams.containsKey(streamId)) {
            throw new IllegalArgumentException(file + ": stream id " + streamId + " declared twice");
        }
        streams.put(streamId, new StreamState(channels, format));
        chunk(XdfReader.TAG_STREAM_HEADER, streamId, infoXml.getBytes(StandardCharsets.UTF_8));
    }

    /** Declares a stream described by name, type, labels, units, rate and format. */
    public synchronized void addStream(
            int streamId,
            String name,
            String type,
            String sourceId,
            List<String> labels,
            List<String> units,
            double nominalRate,
            ChannelFormat format)
            throws IOException {
        addStream(streamId, headerXml(name, type, sourceId, labels, units, nominalRate, format), labels.size(), format);
    }

    /** Numeric samples: {@code values[n * channels]} interleaved, one timestamp each. */
    public synchronized void writeSamples(int streamId, double[] timestamps, double[] values, int n)
            throws IOException {
        StreamState s = state(streamId);
        if (s.format.isString()) {
            throw new IllegalArgumentException(file + ": stream " + streamId + " holds strings, not numbers");
        }
        if (n == 0) {
            return;
        }
        if (values.length < (long) n * s.channels || timestamps.length < n) {
            throw new IllegalArgumentException(file + ": stream " + streamId + " needs " + n + " timestamps and "
                    + (long) n * s.channels + " values, got " + timestamps.length + " and " + values.length);
        }
        int bytes = s.format.bytes();
        ByteBuffer b = ByteBuffer.allocate(4 + 9 + n * (9 + s.channels * bytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(streamId).put((byte) 4).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) 8).putDouble(timestamps[i]);
            for (int c = 0; c < s.channels; c++) {
                double v = values[i * s.channels + c];
                switch (s.format) {
                    case FLOAT32 -> b.putFloat((float) v);
                    case DOUBLE64 -> b.putDouble(v);
                    case INT8 -> b.put((byte) Math.round(v));
                    case INT16 -> b.putShort((short) Math.round(v));
                    case INT32 -> b.putInt((int) Math.round(v));
                    case INT64 -> b.putLong(Math.round(v));
                    default -> throw new IllegalStateException();
                }
            }
        }
        rawChunk(XdfReader.TAG_SAMPLES, b.array(), b.position());
        track(s, timestamps[0], timestamps[n - 1], n);
    }

    /** String samples: {@code values[n * channels]} interleaved, one timestamp each. */
    public synchronized void writeStrings(int streamId, double[] timestamps, String[] values, int n)
            throws IOException {
        StreamState s = state(streamId);
        if (!s.format.isString()) {
            throw new IllegalArgumentException(file + ": stream " + streamId + " holds numbers, not strings");
        }
        if (n == 0) {
            return;
        }
        List<byte[]> encoded = new ArrayList<>(n * s.channels);
        int size = 4 + 9;
        for (int k = 0; k < n * s.channels; k++) {
            byte[] e = values[k].getBytes(StandardCharsets.UTF_8);
            encoded.add(e);
            size += 5 + e.length;
        }
        size += 9 * n;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(streamId).put((byte) 4).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) 8).putDouble(timestamps[i]);
            for (int c = 0; c < s.channels; c++) {
                byte[] e = encoded.get(i * s.channels + c);
                b.put((byte) 4).putInt(e.length).put(e);
            }
        }
        rawChunk(XdfReader.TAG_SAMPLES, b.array(), b.position());
        track(s, timestamps[0], timestamps[n - 1], n);
    }

    /**
     * A clock offset measurement: at local time {@code collectionTime}, the stream's clock was {@code offset} behind.
     */
    public synchronized void writeClockOffset(int streamId, double collectionTime, double offset) throws IOException {
        StreamState s = state(streamId);
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(streamId).putDouble(collectionTime).putDouble(offset);
        rawChunk(XdfReader.TAG_CLOCK_OFFSET, b.array(), 20);
        s.offsets.add(new double[] {collectionTime, offset});
    }

    /** A Boundary chunk, which lets a reader resynchronise after a damaged chunk. */
    public synchronized void writeBoundary() throws IOException {
        rawChunk(XdfReader.TAG_BOUNDARY, BOUNDARY, 16);
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Writes a Boundary and each stream's footer, then closes the file. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writeBoundary();
            for (Map.Entry<Integer, StreamState> e : streams.entrySet()) {
                StreamState s = e.getValue();
                StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?><info><writer>NeuroLoop</writer>");
                x.append("<first_timestamp>").append(s.count == 0 ? 0 : s.first).append("</first_timestamp>");
                x.append("<last_timestamp>").append(s.count == 0 ? 0 : s.last).append("</last_timestamp>");
                x.append("<sample_count>").append(s.count).append("</sample_count><clock_offsets>");
                for (double[] o : s.offsets) {
                    x.append("<offset><time>")
                            .append(o[0])
                            .append("</time><value>")
                            .append(o[1])
                            .append("</value></offset>");
                }
                x.append("</clock_offsets></info>");
                chunk(XdfReader.TAG_STREAM_FOOTER, e.getKey(), x.toString().getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            out.close();
        }
    }

    /**
     * Writes a whole recording: every stream (numeric in its own format when that holds its values exactly,
     * otherwise double64), then the annotations as an {@code Annotations} string stream.
     */
    public static void write(Path file, Recording r) throws IOException {
        try (XdfWriter w = create(file)) {
            int id = 1;
            for (RecordedStream s : r.streams()) {
                ChannelFormat f = s.isString() || exact(s.samples(), s.format()) ? s.format() : ChannelFormat.DOUBLE64;
                w.addStream(id, s.name(), s.type(), s.sourceId(), s.channelLabels(), s.units(), s.nominalRate(), f);
                int step = Math.max(1, (int) Math.min(
                        s.sampleCount(), Math.max(1, 65536 / Math.max(1, s.channelCount()))));
                for (int from = 0; from < s.sampleCount(); from += step) {
                    int n = Math.min(step, s.sampleCount() - from);
                    double[] ts = Arrays.copyOfRange(s.timestamps(), from, from + n);
                    int ch = s.channelCount();
                    if (s.isString()) {
                        w.writeStrings(id, ts, Arrays.copyOfRange(s.strings(), from * ch, (from + n) * ch), n);
                    } else {
                        w.writeSamples(id, ts, Arrays.copyOfRange(s.samples(), from * ch, (from + n) * ch), n);
                    }
                }
                id++;
            }
            if (!r.annotations().isEmpty()) {
                int n = r.annotations().size();
                double[] ts = new double[n];
                String[] v = new String[2 * n];
                for (int i = 0; i < n; i++) {
                    Annotation a = r.annotations().get(i);
                    ts[i] = a.onset();
                    v[2 * i] = a.label();
                    v[2 * i + 1] = Double.toString(a.duration());
                }
                w.addStream(
                        id,
                        "annotations",
                        XdfReader.ANNOTATIONS_TYPE,
                        "",
                        List.of("label", "duration"),
                        List.of("", "s"),
                        0,
                        ChannelFormat.STRING);
                w.writeStrings(id, ts, v, n);
            }
        }
    }

    /** True if every value survives a round trip through {@code format}. */
    static boolean exact(double[] values, ChannelFormat format) {
        for (double v : values) {
            boolean ok = switch (format) {
                case DOUBLE64 -> true;
                case FLOAT32 -> (double) (float) v == v || Double.isNaN(v);
                case INT8 -> v == Math.rint(v) && v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
                case INT16 -> v == Math.rint(v) && v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
                case INT32 -> v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
                case INT64 -> v == Math.rint(v) && Math.abs(v) < 0x1p53;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Stream header XML in LSL's layout, with channel labels and units under desc/channels. */
    public static String headerXml(
            String name,
            String type,
            String sourceId,
            List<String> labels,
            List<String> units,
            double nominalRate,
            ChannelFormat format) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?><info>");
        x.append("<name>")
                .append(esc(name))
                .append("</name><type>")
                .append(esc(type))
                .append("</type>");
        x.append("<channel_count>").append(labels.size()).append("</channel_count>");
        x.append("<nominal_srate>").append(nominalRate).append("</nominal_srate>");
        x.append("<channel_format>").append(format.xdfName()).append("</channel_format>");
        x.append("<source_id>").append(esc(sourceId)).append("</source_id><desc><channels>");
        for (int c = 0; c < labels.size(); c++) {
            x.append("<channel><label>")
                    .append(esc(labels.get(c)))
                    .append("</label><unit>")
                    .append(esc(units.get(c)))
                    .append("</unit></channel>");
        }
        return x.append("</channels></desc></info>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private StreamState state(int id) {
        StreamState s = streams.get(id);
        if (s == null) {
            throw new IllegalArgumentException(file + ": stream " + id + " was not declared with addStream");
        }
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        return s;
    }

    private static void track(StreamState s, double first, double last, int n) {
        if (s.count == 0) {
            s.first = first;
        }
        s.last = last;
        s.count += n;
    }

    private void chunk(int tag, int streamId, byte[] content) throws IOException {
        if (streamId < 0) {
            rawChunk(tag, content, content.length);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + content.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(streamId).put(content);
        rawChunk(tag, b.array(), b.position());
    }

    private void rawChunk(int tag, byte[] content, int length) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(7).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 4).putInt(2 + length).putShort((short) tag);
        out.write(h.array());
        out.write(content, 0, length);
    }
}
