package org.neuroloop.ingest.recording;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Per-stream state of {@link XdfReader} while the chunks are read. */
final class XdfStreamBuilder {
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

    XdfStreamBuilder(long id, String xml, Element info, FileBytes in, long at) throws RecordingFormatException {
        this.id = id;
        this.xml = xml;
        name = XdfXml.text(info, "name");
        type = XdfXml.text(info, "type");
        sourceId = XdfXml.text(info, "source_id");
        String cc = XdfXml.text(info, "channel_count");
        try {
            channels = Integer.parseInt(cc);
        } catch (NumberFormatException e) {
            throw in.fail(at, "an integer channel_count in the header of stream " + id + ", found '" + cc + "'");
        }
        if (channels < 1 || channels > XdfReader.MAX_CHANNELS) {
            throw in.fail(
                    at,
                    "a channel_count between 1 and " + XdfReader.MAX_CHANNELS + " for stream " + id + ", found "
                            + channels);
        }
        String sr = XdfXml.text(info, "nominal_srate");
        try {
            rate = sr.isEmpty() ? 0 : Double.parseDouble(sr);
        } catch (NumberFormatException e) {
            throw in.fail(at, "a number for nominal_srate of stream " + id + ", found '" + sr + "'");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw in.fail(at, "a nominal_srate >= 0 for stream " + id + ", found " + sr);
        }
        format = ChannelFormat.fromXdfName(XdfXml.text(info, "channel_format"));
        if (format == null) {
            throw in.fail(
                    at,
                    "a channel_format of float32, double64, string, int8, int16, int32 or int64 for stream " + id
                            + ", found '" + XdfXml.text(info, "channel_format") + "'");
        }
        tdiff = rate > 0 ? 1.0 / rate : 0;
        if (format.isString()) {
            strings = new String[0];
        } else {
            values = new double[0];
        }
        Element desc = XdfXml.child(info, "desc");
        Element chans = desc == null ? null : XdfXml.child(desc, "channels");
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
            String label = e == null ? "" : XdfXml.text(e, "label");
            if (label.isEmpty() && e != null) {
                label = XdfXml.text(e, "name");
            }
            labels.add(
                    label.isEmpty()
                            ? (format.isString() ? (channels == 1 ? name : name + (c + 1)) : "ch" + (c + 1))
                            : label);
            units.add(e == null ? "" : XdfXml.text(e, "unit"));
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
        long count = XdfReader.varLength(in, "number of samples");
        long left = end - in.position();
        long minPerSample = 1 + (format.isString() ? 2L * channels : (long) format.bytes() * channels);
        if (count > left / minPerSample) {
            throw in.fail(
                    at,
                    count + " samples of stream " + id + " (" + channels + " x " + format.xdfName() + ", at least "
                            + minPerSample + " bytes each), only " + left + " bytes left in the chunk");
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
                throw in.fail(
                        tsAt,
                        "a timestamp byte count of 0 or 8 for sample " + k + " of stream " + id + ", found " + tsBytes);
            }
            lastTimestamp = t;
            ts[n] = t;
            offsetsBefore[n] = clocks;
            int base = n * channels;
            if (format.isString()) {
                for (int c = 0; c < channels; c++) {
                    long len = XdfReader.varLength(in, "string length");
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
            throw in.fail(
                    in.position(),
                    bytes + " bytes of " + what + " for stream " + id + ", only " + (end - in.position())
                            + " bytes left in the Samples chunk");
        }
    }

    RecordedStream build(XdfReader.Options options, Path file) {
        double[] t = Arrays.copyOf(ts, n);
        int[] gaps = new int[0];
        if (options.synchronizeClocks() && clocks > 0 && n > 0) {
            XdfClockSync.Result r = XdfClockSync.synchronize(
                    t,
                    Arrays.copyOf(clockTimes, clocks),
                    Arrays.copyOf(clockValues, clocks),
                    Arrays.copyOf(offsetsBefore, n),
                    options.handleClockResets());
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
        return new RecordedStream(
                name.isEmpty() ? "stream" + id : name,
                type,
                sourceId,
                labels,
                outUnits,
                rate,
                format,
                t,
                v,
                format.isString() ? Arrays.copyOf(strings, n * channels) : null,
                gaps,
                p);
    }
}
