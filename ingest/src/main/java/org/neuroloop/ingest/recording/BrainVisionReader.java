package org.neuroloop.ingest.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads BrainVision Core Data Format files: the {@code .vhdr} header (INI), the binary {@code .eeg} data it names
 * (IEEE_FLOAT_32, INT_16, UINT_16 or INT_32; multiplexed or vectorized; little or big endian) and the
 * {@code .vmrk} marker file.
 *
 * <p>Values: {@code raw * resolution} in the channel's unit ({@code µV} if none), converted to µV (so nV and mV
 * exports come out in µV). Markers: {@code Mk<n>=Type,Description,Position,Size,Channel[,Date]} becomes an
 * annotation with onset {@code (Position - 1) / rate}, duration {@code Size / rate} and label
 * {@code Type/Description}, the convention of MNE-Python. The data file is always the one the header names; a
 * marker file naming another data file is read anyway (with a warning), as MNE does.
 */
public final class BrainVisionReader {
    private static final Logger LOG = LoggerFactory.getLogger(BrainVisionReader.class);

    /** One raw value of the data file's binary format at a byte position. */
    @FunctionalInterface
    private interface SampleDecoder {
        double value(ByteBuffer data, int position);
    }

    private BrainVisionReader() {}

    public static Recording read(Path vhdr) throws IOException {
        Map<String, Map<String, String>> h = ini(vhdr);
        Map<String, String> common = section(h, "common infos", vhdr);
        Path dir = vhdr.toAbsolutePath().getParent();
        String dataName = required(common, "datafile", vhdr, "Common Infos");
        Path data = sibling(dir, dataName, vhdr, "DataFile");
        if (data == null) {
            throw new RecordingFormatException(vhdr, -1, "DataFile=" + dataName + " naming a file beside the header");
        }
        String format = common.getOrDefault("dataformat", "BINARY").toUpperCase(Locale.ROOT);
        if (!format.equals("BINARY")) {
            throw new RecordingFormatException(
                    vhdr, -1, "DataFormat=BINARY (this reader reads no ASCII exports), found " + format);
        }
        String orientation =
                common.getOrDefault("dataorientation", "MULTIPLEXED").toUpperCase(Locale.ROOT);
        int channels = intValue(common, "numberofchannels", vhdr);
        if (channels < 1 || channels > XdfReader.MAX_CHANNELS) {
            throw new RecordingFormatException(
                    vhdr, -1, "NumberOfChannels between 1 and " + XdfReader.MAX_CHANNELS + ", found " + channels);
        }
        double intervalUs = doubleValue(common, "samplinginterval", vhdr);
        if (!(intervalUs > 0) || Double.isInfinite(intervalUs)) {
            throw new RecordingFormatException(vhdr, -1, "SamplingInterval > 0 microseconds, found " + intervalUs);
        }
        double rate = 1e6 / intervalUs;
        Map<String, String> binary = h.getOrDefault("binary infos", Map.of());
        String binFormat = binary.getOrDefault("binaryformat", "INT_16").toUpperCase(Locale.ROOT);
        int bytes = switch (binFormat) {
            case "IEEE_FLOAT_32", "INT_32" -> 4;
            case "INT_16", "UINT_16" -> 2;
            default ->
                throw new RecordingFormatException(
                        vhdr, -1, "BinaryFormat IEEE_FLOAT_32, INT_32, INT_16 or UINT_16, found " + binFormat);
        };
        boolean bigEndian = binary.getOrDefault("usebigendianorder", "NO").equalsIgnoreCase("YES");
        Map<String, String> chInfo = section(h, "channel infos", vhdr);
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        double[] scale = new double[channels];
        for (int c = 0; c < channels; c++) {
            String v = chInfo.get("ch" + (c + 1));
            if (v == null) {
                throw new RecordingFormatException(
                        vhdr, -1, "an entry Ch" + (c + 1) + "= in [Channel Infos] for " + channels + " channels");
            }
            String[] f = v.split(",", -1);
            labels.add(f[0].replace("\\1", ","));
            double res = 1;
            if (f.length > 2 && !f[2].isBlank()) {
                try {
                    res = Double.parseDouble(f[2].trim());
                } catch (NumberFormatException e) {
                    throw new RecordingFormatException(
                            vhdr, -1, "a number for the resolution of Ch" + (c + 1) + ", found '" + f[2] + "'");
                }
            }
            String unit = f.length > 3 && !f[3].isBlank() ? f[3].trim() : "µV";
            double u = VoltageUnits.toMicrovolt(unit);
            scale[c] = res * (Double.isNaN(u) ? 1 : u);
            units.add(VoltageUnits.normalised(unit));
        }
        FileBytes in = FileBytes.open(data);
        long frame = (long) channels * bytes;
        if (in.size() % frame != 0) {
            throw in.fail(
                    in.size() - in.size() % frame,
                    "a data file of whole samples (" + channels + " channels x " + bytes + " bytes = " + frame
                            + " bytes each), " + in.size() % frame + " bytes left over");
        }
        int n = (int) (in.size() / frame);
        double[] samples = new double[n * channels];
        ByteBuffer buf = in.view(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean vectorized = orientation.equals("VECTORIZED");
        // the format is decided once, not per sample: a string switch compares strings for every value
        SampleDecoder decoder = switch (binFormat) {
            case "IEEE_FLOAT_32" -> ByteBuffer::getFloat;
            case "INT_32" -> ByteBuffer::getInt;
            case "INT_16" -> ByteBuffer::getShort;
            default -> (b, p) -> b.getShort(p) & 0xffff;
        };
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                int p = (int) ((vectorized ? (long) c * n + i : (long) i * channels + c) * bytes);
                samples[i * channels + c] = decoder.value(buf, p) * scale[c];
            }
        }
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i / rate;
        }
        ChannelFormat cf = switch (binFormat) {
            case "IEEE_FLOAT_32" -> ChannelFormat.FLOAT32;
            case "INT_32" -> ChannelFormat.INT32;
            default -> ChannelFormat.INT16;
        };
        RecordedStream s = new RecordedStream(
                EdfStreams.baseName(vhdr),
                "EEG",
                data.toString(),
                labels,
                units,
                rate,
                cf,
                ts,
                samples,
                null,
                null,
                Map.of());
        Map<String, String> props = new LinkedHashMap<>();
        List<Annotation> annotations = new ArrayList<>();
        String markerName = common.get("markerfile");
        if (markerName != null && !markerName.isBlank()) {
            Path vmrk = sibling(dir, markerName.trim(), vhdr, "MarkerFile");
            if (vmrk != null) {
                annotations = markers(vmrk, dataName, rate, props);
            } else {
                LOG.warn("{}: marker file {} not found, no markers read", vhdr, markerName.trim());
            }
        }
        return new Recording(vhdr, "brainvision", List.of(s), annotations, props);
    }

    /**
     * The regular file {@code name} resolves to in the header's folder, or null if there is none; a name that
     * is no path at all (a NUL character) fails naming the header's {@code key}.
     */
    private static Path sibling(Path dir, String name, Path vhdr, String key) throws RecordingFormatException {
        Path p;
        try {
            p = dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new RecordingFormatException(vhdr, -1, key + "= naming a file, found '" + name + "'", e);
        }
        return Files.isRegularFile(p) ? p : null;
    }

    private static List<Annotation> markers(Path vmrk, String dataName, double rate, Map<String, String> props)
            throws IOException {
        Map<String, Map<String, String>> m = ini(vmrk);
        Map<String, String> common = m.getOrDefault("common infos", Map.of());
        String named = common.get("datafile");
        if (named != null && !named.equals(dataName)) {
            LOG.warn("{} names data file {}, the header names {}: using the header's", vmrk, named, dataName);
        }
        List<Annotation> out = new ArrayList<>();
        Map<String, String> mk = m.getOrDefault("marker infos", Map.of());
        for (Map.Entry<String, String> e : mk.entrySet()) {
            if (!e.getKey().startsWith("mk")) {
                continue;
            }
            String[] f = e.getValue().split(",", -1);
            if (f.length < 3) {
                throw new RecordingFormatException(
                        vmrk,
                        -1,
                        "Mk<n>=Type,Description,Position,Size,Channel, found '" + e.getKey() + "=" + e.getValue()
                                + "'");
            }
            long pos;
            try {
                pos = Long.parseLong(f[2].trim());
            } catch (NumberFormatException ex) {
                throw new RecordingFormatException(
                        vmrk, -1, "an integer position in " + e.getKey() + ", found '" + f[2] + "'");
            }
            long size = 0;
            if (f.length > 3 && f[3].trim().matches("\\d+")) {
                try {
                    size = Long.parseLong(f[3].trim());
                } catch (NumberFormatException ex) {
                    // all digits, but more than a long holds
                    throw new RecordingFormatException(
                            vmrk, -1, "a size in samples in " + e.getKey() + ", found '" + f[3] + "'");
                }
            }
            String label = f[0].replace("\\1", ",") + "/" + f[1].replace("\\1", ",");
            out.add(new Annotation((pos - 1) / rate, size / rate, label));
            if (f[0].equals("New Segment") && f.length > 5 && !f[5].isBlank() && !props.containsKey("startDate")) {
                props.put("startDate", f[5].trim());
            }
        }
        return out;
    }

    /** INI sections (lower-case names) of key/value pairs (lower-case keys); comments and blank lines skipped. */
    static Map<String, Map<String, String>> ini(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        Charset cs = latin.toLowerCase(Locale.ROOT).contains("codepage=utf-8")
                ? StandardCharsets.UTF_8
                : Charset.forName("windows-1252");
        String text = new String(bytes, cs);
        if (!text.isEmpty() && text.charAt(0) == '\ufeff') {
            text = text.substring(1);
        }
        if (!text.startsWith("Brain Vision") && !text.startsWith("BrainVision")) {
            throw new RecordingFormatException(
                    file,
                    0,
                    "a BrainVision header or marker file starting with" + " 'Brain Vision Data Exchange', found '"
                            + text.substring(0, Math.min(30, text.length())) + "'");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.split("\\r?\\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith(";")) {
                continue;
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                current = out.computeIfAbsent(
                        t.substring(1, t.length() - 1).trim().toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = t.indexOf('=');
            if (current != null && eq > 0) {
                current.put(t.substring(0, eq).trim().toLowerCase(Locale.ROOT), t.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, String> section(Map<String, Map<String, String>> h, String name, Path file)
            throws RecordingFormatException {
        Map<String, String> s = h.get(name);
        if (s == null) {
            throw new RecordingFormatException(file, -1, "a [" + name + "] section");
        }
        return s;
    }

    private static String required(Map<String, String> s, String key, Path file, String section)
            throws RecordingFormatException {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            throw new RecordingFormatException(file, -1, "a " + key + "= entry in [" + section + "]");
        }
        return v.trim();
    }

    private static int intValue(Map<String, String> s, String key, Path file) throws RecordingFormatException {
        String v = required(s, key, file, "Common Infos");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(file, -1, "an integer " + key + ", found '" + v + "'");
        }
    }

    private static double doubleValue(Map<String, String> s, String key, Path file) throws RecordingFormatException {
        String v = required(s, key, file, "Common Infos");
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(file, -1, "a number for " + key + ", found '" + v + "'");
        }
    }
}
