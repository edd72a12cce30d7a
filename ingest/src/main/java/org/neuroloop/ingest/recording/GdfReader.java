package org.neuroloop.ingest.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GDF 2.x files (Schlögl, "GDF - A general dataformat for biosignals", arXiv cs/0608052, v2.x layout:
 * 256-byte fixed header, 256 bytes per channel, optional tag-length-value header up to {@code 256 * blocks},
 * data records, then the event table).
 *
 * <p>Calibration: {@code physical = (digital - digMin) * (physMax - physMin) / (digMax - digMin) + physMin}, then
 * voltages to µV using the physical dimension code (ISO/IEEE 11073 units: 4256 V with a decimal prefix in the
 * low 5 bits, e.g. 4274 mV, 4275 µV, 4276 nV) or, without a code, the 6-character text. Events become
 * annotations: onset {@code (POS - 1) / eventRate} (positions are 1-based, as MNE reads them), label = TYP in
 * decimal, duration {@code DUR / eventRate} in mode 3.
 */
public final class GdfReader {
    private static final int FIXED_HEADER = 256;

    private GdfReader() {}

    public static Recording read(Path file) throws IOException {
        FileBytes in = FileBytes.open(file);
        String version = in.text(8, StandardCharsets.US_ASCII, "version");
        if (!version.startsWith("GDF ")) {
            throw in.fail(0, "the GDF magic 'GDF x.xx', found '" + version + "'");
        }
        double v;
        try {
            v = Double.parseDouble(version.substring(4).trim());
        } catch (NumberFormatException e) {
            throw in.fail(4, "a GDF version number, found '" + version + "'");
        }
        if (v < 2) {
            throw in.fail(0, "GDF 2.x (this reader does not read GDF 1.x), found '" + version + "'");
        }
        if (in.size() < FIXED_HEADER) {
            throw in.fail(0, "a 256-byte GDF fixed header, the file has " + in.size() + " bytes");
        }
        String patient = in.text(66, StandardCharsets.ISO_8859_1, "patient id");
        in.seek(88, "recording id");
        String recording = in.text(64, StandardCharsets.ISO_8859_1, "recording id");
        in.seek(184, "header length");
        long headerBytes = in.u16("header length in 256-byte blocks") * 256L;
        in.seek(236, "number of data records");
        long records = in.i64("number of data records");
        long durNum = in.u32("record duration numerator");
        long durDen = in.u32("record duration denominator");
        int ns = in.u16("number of signals");
        if (FIXED_HEADER + 256L * ns > in.size()) {
            throw in.fail(
                    252,
                    "a number of signals whose 256-byte headers fit in the file (at most "
                            + (in.size() - FIXED_HEADER) / 256 + "), found " + ns);
        }
        if (headerBytes < FIXED_HEADER + 256L * ns || headerBytes > in.size()) {
            throw in.fail(
                    184,
                    "a header length between 256 * (signals + 1) = " + (FIXED_HEADER + 256L * ns)
                            + " and the file size " + in.size() + " bytes, found " + headerBytes);
        }
        if (durDen == 0 || durNum == 0) {
            throw in.fail(244, "a record duration numerator/denominator > 0, found " + durNum + "/" + durDen);
        }
        double duration = (double) durNum / durDen;
        in.seek(FIXED_HEADER, "signal headers");
        String[] label = new String[ns];
        for (int i = 0; i < ns; i++) {
            label[i] = in.text(16, StandardCharsets.ISO_8859_1, "label of channel " + (i + 1));
        }
        in.skip(80L * ns, "transducer types");
        String[] dimText = new String[ns];
        for (int i = 0; i < ns; i++) {
            dimText[i] = in.text(6, StandardCharsets.ISO_8859_1, "physical dimension of channel " + (i + 1));
        }
        int[] dimCode = new int[ns];
        for (int i = 0; i < ns; i++) {
            dimCode[i] = in.u16("physical dimension code of channel " + (i + 1));
        }
        double[] pmin = f64s(in, ns, "physical minimum");
        double[] pmax = f64s(in, ns, "physical maximum");
        double[] dmin = f64s(in, ns, "digital minimum");
        double[] dmax = f64s(in, ns, "digital maximum");
        in.skip(80L * ns, "reserved and filter settings (68 + low-pass, high-pass, notch)");
        long sprAt = in.position();
        long[] spr = new long[ns];
        for (int i = 0; i < ns; i++) {
            spr[i] = in.u32("samples per record of channel " + (i + 1));
        }
        long typeAt = in.position();
        int[] type = new int[ns];
        int[] size = new int[ns];
        long recordBytes = 0;
        for (int i = 0; i < ns; i++) {
            type[i] = (int) in.u32("data type of channel " + (i + 1));
            size[i] = switch (type[i]) {
                case 1, 2 -> 1;
                case 3, 4 -> 2;
                case 5, 6, 16 -> 4;
                case 7, 8, 17 -> 8;
                default ->
                    throw in.fail(
                            typeAt + 4L * i,
                            "a GDF data type (1-8 integers, 16 float32, 17 float64) for" + " channel '" + label[i]
                                    + "', found " + type[i]);
            };
            if (spr[i] > in.size()) {
                throw in.fail(
                        sprAt + 4L * i,
                        "samples per record for channel '" + label[i] + "' below the file size," + " found " + spr[i]);
            }
            if (dmax[i] == dmin[i]) {
                throw in.fail(
                        FIXED_HEADER + (16 + 80 + 6 + 2 + 8 + 8) * (long) ns + 8L * i,
                        "digital maximum != digital minimum for channel '" + label[i] + "'");
            }
            recordBytes += spr[i] * size[i];
        }
        long dataBytes = in.size() - headerBytes;
        if (records == -1) {
            records = recordBytes == 0 ? 0 : dataBytes / recordBytes;
        } else if (records < 0 || (recordBytes > 0 && records > dataBytes / recordBytes)) {
            throw in.fail(
                    236,
                    records + " data records of " + recordBytes + " bytes after the " + headerBytes
                            + "-byte header, the file holds " + dataBytes
                            + " data bytes: truncated file or wrong header");
        } else if (recordBytes == 0 && records > 0) {
            // Records without samples hold nothing; looping over a header's count of them would never end.
            throw in.fail(236, "no data records when no channel has samples, header says " + records);
        }
        long[] offsetInRecord = new long[ns];
        long off = 0;
        for (int i = 0; i < ns; i++) {
            offsetInRecord[i] = off;
            off += spr[i] * size[i];
        }
        // Channels grouped by rate into streams, as for EDF.
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < ns; i++) {
            groups.computeIfAbsent(spr[i], k -> new ArrayList<>()).add(i);
        }
        String base = EdfStreams.baseName(file);
        List<RecordedStream> streams = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            int per = (int) spr[g.get(0)];
            double rate = per / duration;
            int total = (int) (records * per);
            int channels = g.size();
            double[] samples = new double[total * channels];
            List<String> labels = new ArrayList<>();
            List<String> units = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                int i = g.get(c);
                labels.add(label[i]);
                String unit = unitOf(dimCode[i], dimText[i]);
                double scale = VoltageUnits.toMicrovolt(unit);
                units.add(VoltageUnits.normalised(unit));
                if (Double.isNaN(scale)) {
                    scale = 1;
                }
                double gain = (pmax[i] - pmin[i]) / (dmax[i] - dmin[i]);
                for (long r = 0; r < records; r++) {
                    long p = headerBytes + r * recordBytes + offsetInRecord[i];
                    for (int j = 0; j < per; j++) {
                        double d = digital(in, p + (long) j * size[i], type[i]);
                        samples[(int) (r * per + j) * channels + c] = ((d - dmin[i]) * gain + pmin[i]) * scale;
                    }
                }
            }
            double[] ts = new double[total];
            for (int k = 0; k < total; k++) {
                ts[k] = k / rate;
            }
            String name = groups.size() == 1 ? base : base + "@" + EdfStreams.trimRate(rate) + "Hz";
            streams.add(new RecordedStream(
                    name,
                    "EEG",
                    file.toString(),
                    labels,
                    units,
                    rate,
                    formatOf(type[g.get(0)]),
                    ts,
                    samples,
                    null,
                    null,
                    Map.of()));
        }
        List<Annotation> annotations = events(in, headerBytes + records * recordBytes);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("version", version);
        props.put("patient", patient);
        props.put("recording", recording);
        return new Recording(file, "gdf", streams, annotations, props);
    }

    private static List<Annotation> events(FileBytes in, long at) throws RecordingFormatException {
        List<Annotation> out = new ArrayList<>();
        if (at >= in.size()) {
            return out;
        }
        in.seek(at, "event table");
        int mode = in.u8("event table mode");
        if (mode != 1 && mode != 3 && mode != 5) {
            throw in.fail(at, "an event table mode of 1, 3 or 5, found " + mode);
        }
        int n = in.u8("number of events") | in.u8("number of events") << 8 | in.u8("number of events") << 16;
        double rate = in.f32("event sample rate");
        long per = mode == 3 ? 12 : 6;
        if (n * per > in.remaining()) {
            throw in.fail(at + 1, n + " events (" + per + " bytes each), only " + in.remaining() + " bytes left");
        }
        if (!(rate > 0)) {
            throw in.fail(at + 4, "an event sample rate > 0, found " + rate);
        }
        long[] pos = new long[n];
        int[] typ = new int[n];
        long[] dur = new long[n];
        for (int i = 0; i < n; i++) {
            pos[i] = in.u32("event position");
        }
        for (int i = 0; i < n; i++) {
            typ[i] = in.u16("event type");
        }
        if (mode == 3) {
            in.skip(2L * n, "event channels");
            for (int i = 0; i < n; i++) {
                dur[i] = in.u32("event duration");
            }
        }
        for (int i = 0; i < n; i++) {
            out.add(new Annotation((pos[i] - 1) / rate, dur[i] / rate, Integer.toString(typ[i])));
        }
        return out;
    }

    private static double digital(FileBytes in, long p, int type) {
        return switch (type) {
            case 1 -> in.getByte(p);
            case 2 -> in.getByte(p) & 0xff;
            case 3 -> in.getShort(p);
            case 4 -> in.getShort(p) & 0xffff;
            case 5 -> in.getInt(p);
            case 6 -> in.getInt(p) & 0xffffffffL;
            case 7 -> in.getLong(p);
            case 8 -> unsigned(in.getLong(p));
            case 16 -> in.getFloat(p);
            case 17 -> in.getDouble(p);
            default -> throw new IllegalStateException("type " + type);
        };
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    private static ChannelFormat formatOf(int type) {
        return switch (type) {
            case 1, 2 -> ChannelFormat.INT8;
            case 3, 4 -> ChannelFormat.INT16;
            case 5, 6 -> ChannelFormat.INT32;
            case 7, 8 -> ChannelFormat.INT64;
            case 16 -> ChannelFormat.FLOAT32;
            default -> ChannelFormat.DOUBLE64;
        };
    }

    /** Unit from the ISO 11073 code when it is a voltage (4256 = V plus prefix code), else the text field. */
    static String unitOf(int code, String text) {
        if ((code & ~0x1f) == 4256) {
            return switch (code & 0x1f) {
                case 0 -> "V";
                case 18 -> "mV";
                case 19 -> "uV";
                case 20 -> "nV";
                default -> text;
            };
        }
        return text;
    }

    private static double[] f64s(FileBytes in, int n, String what) throws RecordingFormatException {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.f64(what + " of channel " + (i + 1));
        }
        return out;
    }
}
