package org.neuroloop.ingest.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads EDF, EDF+ (continuous and discontinuous), BDF and BDF+ files.
 *
 * <p>References: EDF (Kemp et al. 1992), EDF+ (Kemp &amp; Olivan 2003, edfplus.info), BioSemi BDF (24-bit
 * little-endian two's complement samples, {@code Status} trigger channel). Every header size is checked against
 * the file size before anything is allocated; a file shorter than its header claims is refused.
 *
 * <p>Time axis of the result: seconds since the start of the first data record. For EDF+ the first record's
 * time-keeping TAL gives the sub-second start ({@code startOffset}), and each record's onset is its
 * time-keeping TAL minus that of the first record (EDF+D) or {@code r * recordDuration} (EDF, EDF+C).
 * Annotation onsets are on the same axis (TAL onset minus the first record's), as MNE-Python reads them.
 */
public final class EdfReader {
    private static final Logger LOG = LoggerFactory.getLogger(EdfReader.class);
    private static final int FIXED_HEADER = 256;
    private static final int SIGNAL_HEADER = 256;

    /**
     * Everything read from an EDF/BDF file.
     *
     * @param header file and signal headers
     * @param signals ordinary signals (annotation signals excluded), each with all its samples
     * @param recordOnsets onset of each data record in seconds on the recording's time axis
     * @param annotations TAL annotations (EDF+/BDF+), onsets on the same axis
     * @param startOffset seconds from the header's start time to the first record (the first time-keeping TAL)
     */
    public record Contents(
            Path file,
            EdfHeader header,
            List<EdfSignal> signals,
            double[] recordOnsets,
            List<Annotation> annotations,
            double startOffset) {
        public Contents {
            signals = List.copyOf(signals);
            annotations = List.copyOf(annotations);
        }
    }

    private EdfReader() {}

    /** Reads the file into a {@link Recording}: one EEG stream per sampling rate, annotations, BDF triggers. */
    public static Recording read(Path file) throws IOException {
        return EdfStreams.toRecording(readContents(file));
    }

    /** Reads only the header, checking it against the file size. */
    public static EdfHeader readHeader(Path file) throws IOException {
        return readHeader(FileBytes.open(file));
    }

    /** Reads headers, every signal and the annotations. */
    public static Contents readContents(Path file) throws IOException {
        FileBytes in = FileBytes.open(file);
        EdfHeader h = readHeader(in);
        return readData(in, h);
    }

    static EdfHeader readHeader(FileBytes in) throws RecordingFormatException {
        Path file = in.file();
        if (in.size() < FIXED_HEADER) {
            throw in.fail(0, "a 256-byte EDF/BDF header, the file has only " + in.size() + " bytes");
        }
        in.seek(0, "header");
        byte[] version = in.bytes(8, "version");
        boolean bdf;
        if (version[0] == (byte) 0xff && new String(version, 1, 7, StandardCharsets.US_ASCII).equals("BIOSEMI")) {
            bdf = true;
        } else if (new String(version, StandardCharsets.US_ASCII).trim().equals("0")) {
            bdf = false;
        } else {
            throw in.fail(
                    0,
                    "version '0       ' (EDF) or 0xFF'BIOSEMI' (BDF), found '"
                            + new String(version, StandardCharsets.ISO_8859_1) + "'");
        }
        String patient = in.text(80, StandardCharsets.ISO_8859_1, "patient id");
        String recording = in.text(80, StandardCharsets.ISO_8859_1, "recording id");
        String startDate = in.text(8, StandardCharsets.US_ASCII, "start date");
        String startTime = in.text(8, StandardCharsets.US_ASCII, "start time");
        long headerBytes = asciiLong(in, 8, "number of header bytes");
        String reserved = in.text(44, StandardCharsets.US_ASCII, "reserved");
        long records = asciiLong(in, 8, "number of data records");
        double duration = asciiDouble(in, 8, "duration of a data record");
        long ns = asciiLong(in, 4, "number of signals");
        if (ns < 0 || FIXED_HEADER + ns * SIGNAL_HEADER > in.size()) {
            throw in.fail(
                    252,
                    "a number of signals whose headers fit in the file (at most "
                            + Math.max(0, (in.size() - FIXED_HEADER) / SIGNAL_HEADER) + "), header says " + ns);
        }
        if (headerBytes != FIXED_HEADER + ns * SIGNAL_HEADER) {
            throw in.fail(
                    184,
                    "header bytes = 256 * (signals + 1) = " + (FIXED_HEADER + ns * SIGNAL_HEADER) + " for " + ns
                            + " signals, header says " + headerBytes);
        }
        if (!(duration >= 0) || Double.isInfinite(duration)) {
            throw in.fail(244, "a non-negative data record duration, header says " + duration);
        }
        int n = (int) ns;
        String[] label = texts(in, n, 16, "signal label");
        String[] transducer = texts(in, n, 80, "transducer type");
        String[] dim = texts(in, n, 8, "physical dimension");
        double[] pmin = doubles(in, n, "physical minimum");
        double[] pmax = doubles(in, n, "physical maximum");
        double[] dmin = doubles(in, n, "digital minimum");
        double[] dmax = doubles(in, n, "digital maximum");
        String[] prefilter = texts(in, n, 80, "prefiltering");
        long samplesAt = in.position();
        long[] nsamp = new long[n];
        for (int i = 0; i < n; i++) {
            nsamp[i] = asciiLong(in, 8, "number of samples in a data record of signal " + (i + 1));
        }
        List<EdfSignalHeader> signals = new ArrayList<>(n);
        long recordSamples = 0;
        for (int i = 0; i < n; i++) {
            if (nsamp[i] < 0 || nsamp[i] > in.size()) {
                throw in.fail(
                        samplesAt + 8L * i,
                        "a number of samples per record for signal '" + label[i]
                                + "' between 0 and the file size, header says " + nsamp[i]);
            }
            if (dmax[i] == dmin[i]) {
                throw in.fail(
                        FIXED_HEADER + (16 + 80 + 8 + 8 + 8) * ns + 8L * i,
                        "digital maximum != digital minimum for signal '" + label[i] + "', both " + dmin[i]);
            }
            recordSamples += nsamp[i];
            signals.add(new EdfSignalHeader(
                    label[i], transducer[i], dim[i], pmin[i], pmax[i], dmin[i], dmax[i], prefilter[i], (int) nsamp[i]));
        }
        long recordBytes = recordSamples * (bdf ? 3 : 2);
        long dataBytes = in.size() - headerBytes;
        if (records == -1) {
            // Allowed by the spec while a recording is still being written: infer from the file size.
            records = recordBytes == 0 ? 0 : dataBytes / recordBytes;
            LOG.warn("{}: number of data records is -1, inferred {} from the file size", file, records);
        } else if (records < 0) {
            throw in.fail(236, "a number of data records >= 0 (or -1), header says " + records);
        } else if (recordBytes == 0 && records > 0) {
            // Records without samples hold nothing; counting them would size arrays by a header value alone.
            throw in.fail(236, "no data records when no signal has samples, header says " + records);
        } else if (recordBytes > 0 && records > dataBytes / recordBytes) {
            throw in.fail(
                    headerBytes + (dataBytes / recordBytes) * recordBytes,
                    records + " data records of "
                            + recordBytes + " bytes (" + records * recordBytes + " bytes after the " + headerBytes
                            + "-byte header), the file holds only " + dataBytes
                            + " data bytes: truncated file or wrong header");
        }
        if (recordBytes > 0 && dataBytes > records * recordBytes) {
            LOG.warn(
                    "{}: {} bytes after the last of {} data records are ignored",
                    file,
                    dataBytes - records * recordBytes,
                    records);
        }
        return new EdfHeader(
                bdf, reserved, patient, recording, startDate, startTime, (int) headerBytes, records, duration, signals);
    }

    static Contents readData(FileBytes in, EdfHeader h) throws RecordingFormatException {
        Path file = in.file();
        int n = h.signals().size();
        int records = (int) h.records();
        long recordBytes = h.recordBytes();
        int bps = h.bytesPerSample();
        long[] signalOffset = new long[n];
        long off = 0;
        for (int s = 0; s < n; s++) {
            signalOffset[s] = off;
            off += (long) h.signals().get(s).samplesPerRecord() * bps;
        }
        List<Integer> annotationSignals = new ArrayList<>();
        List<EdfSignal> signals = new ArrayList<>();
        List<Integer> signalIndex = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            EdfSignalHeader sh = h.signals().get(s);
            if (sh.isAnnotation()) {
                annotationSignals.add(s);
            } else {
                if (h.recordDuration() <= 0 && sh.samplesPerRecord() > 0) {
                    throw in.fail(
                            244,
                            "a positive data record duration for signal '" + sh.label() + "', header says "
                                    + h.recordDuration());
                }
                boolean status = h.bdf() && sh.isBioSemiStatus();
                double scale = status ? 1 : VoltageUnits.toMicrovolt(sh.physicalDimension());
                String unit = status ? "" : VoltageUnits.normalised(sh.physicalDimension());
                if (Double.isNaN(scale)) {
                    scale = 1;
                }
                double gain = status ? 1 : sh.gain() * scale;
                double offset = status ? 0 : sh.offset() * scale;
                int ns = sh.samplesPerRecord();
                double[] values = new double[records * ns];
                short[] shorts = h.bdf() ? null : new short[ns];
                byte[] bytes = h.bdf() ? new byte[3 * ns] : null;
                int k = 0;
                for (int r = 0; r < records; r++) {
                    long base = h.headerBytes() + r * recordBytes + signalOffset[s];
                    if (h.bdf()) {
                        in.getBytes(base, bytes);
                        for (int j = 0; j < ns; j++) {
                            int v = (bytes[3 * j] & 0xff) | (bytes[3 * j + 1] & 0xff) << 8 | bytes[3 * j + 2] << 16;
                            values[k++] = status ? (v & 0xffffff) : v * gain + offset;
                        }
                    } else {
                        in.getShorts(base, shorts);
                        for (int j = 0; j < ns; j++) {
                            values[k++] = shorts[j] * gain + offset;
                        }
                    }
                }
                double rate = h.recordDuration() > 0 ? sh.samplesPerRecord() / h.recordDuration() : 0;
                signals.add(new EdfSignal(sh, rate, unit, values));
                signalIndex.add(s);
            }
        }
        // Annotations and record onsets from the TALs.
        double[] talOnset = new double[records];
        Arrays.fill(talOnset, Double.NaN);
        List<Annotation> raw = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            boolean first = true;
            for (int s : annotationSignals) {
                int nbytes = h.signals().get(s).samplesPerRecord() * bps;
                long base = h.headerBytes() + r * recordBytes + signalOffset[s];
                byte[] bytes = new byte[nbytes];
                in.getBytes(base, bytes);
                List<TalParser.Tal> tals = TalParser.parse(bytes, file, base);
                for (int t = 0; t < tals.size(); t++) {
                    TalParser.Tal tal = tals.get(t);
                    List<String> texts = tal.texts();
                    int from = 0;
                    if (first && t == 0 && !texts.isEmpty() && texts.get(0).isEmpty()) {
                        talOnset[r] = tal.onset();
                        from = 1;
                    }
                    for (int a = from; a < texts.size(); a++) {
                        if (!texts.get(a).isEmpty()) {
                            raw.add(new Annotation(
                                    tal.onset(), Double.isNaN(tal.duration()) ? 0 : tal.duration(), texts.get(a)));
                        }
                    }
                }
                first = false;
            }
        }
        double startOffset = records > 0 && !Double.isNaN(talOnset[0]) ? talOnset[0] : 0;
        double[] onsets = new double[records];
        for (int r = 0; r < records; r++) {
            if (h.isDiscontinuous()) {
                if (Double.isNaN(talOnset[r])) {
                    long at = h.headerBytes()
                            + r * recordBytes
                            + (annotationSignals.isEmpty() ? 0 : signalOffset[annotationSignals.get(0)]);
                    throw in.fail(
                            at,
                            "a time-keeping TAL ('+onset\\x14\\x14\\x00') at the start of data record " + r
                                    + " of this " + h.reserved() + " file");
                }
                onsets[r] = talOnset[r] - startOffset;
            } else {
                onsets[r] = r * h.recordDuration();
            }
        }
        List<Annotation> annotations = new ArrayList<>(raw.size());
        for (Annotation a : raw) {
            annotations.add(new Annotation(a.onset() - startOffset, a.duration(), a.label()));
        }
        return new Contents(file, h, signals, onsets, annotations, startOffset);
    }

    private static String[] texts(FileBytes in, int n, int width, String what) throws RecordingFormatException {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.text(width, StandardCharsets.ISO_8859_1, what + " of signal " + (i + 1));
        }
        return out;
    }

    private static double[] doubles(FileBytes in, int n, String what) throws RecordingFormatException {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = asciiDouble(in, 8, what + " of signal " + (i + 1));
        }
        return out;
    }

    private static long asciiLong(FileBytes in, int width, String what) throws RecordingFormatException {
        long at = in.position();
        String s = in.text(width, StandardCharsets.US_ASCII, what);
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s.trim());
                if (d == Math.rint(d)) {
                    return (long) d;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw in.fail(at, "an integer for the " + what + ", found '" + s + "'");
        }
    }

    private static double asciiDouble(FileBytes in, int width, String what) throws RecordingFormatException {
        long at = in.position();
        String s = in.text(width, StandardCharsets.US_ASCII, what);
        try {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw in.fail(at, "a number for the " + what + ", found '" + s + "'");
        }
    }
}
