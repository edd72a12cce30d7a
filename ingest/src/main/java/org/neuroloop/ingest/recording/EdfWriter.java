package org.neuroloop.ingest.recording;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes numeric streams and annotations as EDF+ (16-bit, Kemp &amp; Olivan 2003): EDF+C when the streams are
 * continuous, EDF+D when they have gaps ({@link RecordedStream#gapStarts()}), with an {@code EDF Annotations}
 * signal holding each record's time-keeping TAL and the annotations that start in it.
 *
 * <p>Quantisation: per signal, the physical range is the data's min..max written with the 8 characters EDF
 * allows (rounded outwards), mapped onto digital -32768..32767; reading back gives each value within half a
 * digital step, {@code (physMax - physMin) / 65535 / 2}. Timestamps come back relative to the first sample.
 *
 * <p>All streams must start together and cover the same time (as the rate groups of one EDF file do); the
 * record duration is the longest of 1 s, 0.5 s, 0.25 s, 0.2 s, 0.1 s ... that holds a whole number of samples of
 * every stream and divides every continuous segment, falling back to one sample per record.
 */
public final class EdfWriter {
    private static final Logger LOG = LoggerFactory.getLogger(EdfWriter.class);
    private static final double[] DURATIONS = {1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.04, 0.025, 0.02, 0.01};

    private EdfWriter() {}

    /** Writes every numeric stream of {@code r} (marker streams become annotations) to {@code file}. */
    public static void write(Path file, Recording r) throws IOException {
        List<Annotation> ann = new ArrayList<>(r.annotations());
        for (RecordedStream s : r.markerStreams()) {
            for (int i = 0; i < s.sampleCount(); i++) {
                ann.add(new Annotation(s.timestamps()[i], 0, s.strings()[i * s.channelCount()]));
            }
        }
        write(file, r.numericStreams(), ann, r.properties());
    }

    /**
     * @param streams numeric streams sharing start time and duration (possibly at different rates)
     * @param annotations annotations on the streams' time axis
     * @param properties may hold {@code patient}, {@code recording}, {@code startDate}, {@code startTime}
     */
    public static void write(
            Path file, List<RecordedStream> streams, List<Annotation> annotations, Map<String, String> properties)
            throws IOException {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException(file + ": EDF needs at least one numeric stream");
        }
        RecordedStream ref = streams.get(0);
        double t0 = ref.sampleCount() > 0 ? ref.timestamps()[0] : 0;
        for (RecordedStream s : streams) {
            if (s.isString()) {
                throw new IllegalArgumentException(
                        file + ": stream " + s.name() + " holds strings; write it as annotations");
            }
            if (!(s.nominalRate() > 0)) {
                throw new IllegalArgumentException(
                        file + ": EDF needs a regular rate, stream " + s.name() + " has " + s.nominalRate());
            }
            double ts0 = s.sampleCount() > 0 ? s.timestamps()[0] : t0;
            if (Math.abs(ts0 - t0) > 0.5 / s.nominalRate()) {
                throw new IllegalArgumentException(file + ": all streams must start together for EDF; " + s.name()
                        + " starts at " + ts0 + " s, " + ref.name() + " at " + t0 + " s");
            }
        }
        // segments (continuous runs) in seconds from t0, taken from the first stream
        List<int[]> segs = segments(ref);
        double duration = recordDuration(streams, segs, ref);
        int[] perRecord = new int[streams.size()];
        for (int k = 0; k < streams.size(); k++) {
            perRecord[k] = (int) Math.round(streams.get(k).nominalRate() * duration);
        }
        // records: for each segment, its length / duration records with onsets from the first stream's timestamps
        List<Double> onsets = new ArrayList<>();
        List<int[]> recordStart = new ArrayList<>(); // per record: start sample index in each stream
        for (int[] seg : segs) {
            int n = seg[1] - seg[0];
            int recs = n / perRecord[0];
            for (int q = 0; q < recs; q++) {
                int i0 = seg[0] + q * perRecord[0];
                onsets.add(ref.timestamps()[i0] - t0);
                int[] starts = new int[streams.size()];
                for (int k = 0; k < streams.size(); k++) {
                    starts[k] = (int) Math.round((double) i0 * perRecord[k] / perRecord[0]);
                }
                recordStart.add(starts);
            }
        }
        for (int k = 0; k < streams.size(); k++) {
            long expect = (long) onsets.size() * perRecord[k];
            if (streams.get(k).sampleCount() != expect) {
                throw new IllegalArgumentException(file + ": stream "
                        + streams.get(k).name() + " has " + streams.get(k).sampleCount() + " samples, EDF records of "
                        + duration + " s hold " + expect);
            }
        }
        boolean discontinuous = segs.size() > 1;
        // annotations per record
        int records = onsets.size();
        List<List<Annotation>> perRec = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            perRec.add(new ArrayList<>());
        }
        for (Annotation a : annotations) {
            double on = a.onset() - t0;
            int r = 0;
            while (r + 1 < records && onsets.get(r + 1) <= on) {
                r++;
            }
            perRec.get(Math.max(0, r)).add(new Annotation(on, a.duration(), a.label()));
        }
        List<byte[]> tals = new ArrayList<>();
        int maxTal = 0;
        for (int r = 0; r < records; r++) {
            StringBuilder t = new StringBuilder();
            t.append(onset(onsets.get(r))).append("\u0014\u0014\u0000");
            for (Annotation a : perRec.get(r)) {
                t.append(onset(a.onset()));
                if (a.duration() > 0) {
                    t.append('\u0015').append(plain(a.duration()));
                }
                t.append('\u0014')
                        .append(a.label().replace('\u0014', ' ').replace('\u0000', ' '))
                        .append("\u0014\u0000");
            }
            byte[] b = t.toString().getBytes(StandardCharsets.UTF_8);
            tals.add(b);
            maxTal = Math.max(maxTal, b.length);
        }
        int talSamples = Math.max(1, (maxTal + 1) / 2);
        // signal headers
        List<String[]> sig = new ArrayList<>();
        List<double[]> cal = new ArrayList<>(); // per signal: gain, offset (phys = dig * gain + offset)
        for (RecordedStream s : streams) {
            for (int c = 0; c < s.channelCount(); c++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < s.sampleCount(); i++) {
                    double v = s.samples()[i * s.channelCount() + c];
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                if (!(lo <= hi)) {
                    lo = -1;
                    hi = 1;
                }
                if (lo == hi) {
                    lo -= 1;
                    hi += 1;
                }
                String pmin = fit8(lo, RoundingMode.FLOOR);
                String pmax = fit8(hi, RoundingMode.CEILING);
                double pl = Double.parseDouble(pmin);
                double ph = Double.parseDouble(pmax);
                double gain = (ph - pl) / 65535.0;
                cal.add(new double[] {gain, pl - (-32768) * gain});
                String label = s.channelLabels().get(c);
                if (label.length() > 16) {
                    LOG.warn("{}: channel label '{}' cut to 16 characters", file, label);
                }
                sig.add(new String[] {
                    label,
                    "",
                    s.units().get(c),
                    pmin,
                    pmax,
                    "-32768",
                    "32767",
                    "",
                    Integer.toString(perRecord[streams.indexOf(s)])
                });
            }
        }
        sig.add(new String[] {"EDF Annotations", "", "", "-1", "1", "-32768", "32767", "", Integer.toString(talSamples)
        });
        int ns = sig.size();
        StringBuilder h = new StringBuilder();
        h.append(field("0", 8));
        h.append(field(properties.getOrDefault("patient", "X X X X"), 80));
        h.append(field(properties.getOrDefault("recording", "Startdate X X X NeuroLoop"), 80));
        String date = properties.getOrDefault("startDate", "");
        String time = properties.getOrDefault("startTime", "");
        h.append(field(date.matches("\\d\\d\\.\\d\\d\\.\\d\\d") ? date : "01.01.85", 8));
        h.append(field(time.matches("\\d\\d\\.\\d\\d\\.\\d\\d") ? time : "00.00.00", 8));
        h.append(field(Integer.toString(256 * (ns + 1)), 8));
        h.append(field(discontinuous ? "EDF+D" : "EDF+C", 44));
        h.append(field(Integer.toString(records), 8));
        h.append(field(plain(duration), 8));
        h.append(field(Integer.toString(ns), 4));
        int[] widths = {16, 80, 8, 8, 8, 8, 8, 80, 8};
        for (int f = 0; f < widths.length; f++) {
            for (String[] s : sig) {
                h.append(field(s[f], widths[f]));
            }
        }
        for (int i = 0; i < ns; i++) {
            h.append(field("", 32));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] rec = new byte[2 * (sumSamples(streams, perRecord) + talSamples)];
            for (int r = 0; r < records; r++) {
                int p = 0;
                int sigIdx = 0;
                for (int k = 0; k < streams.size(); k++) {
                    RecordedStream s = streams.get(k);
                    int ch = s.channelCount();
                    for (int c = 0; c < ch; c++) {
                        double[] gc = cal.get(sigIdx++);
                        for (int j = 0; j < perRecord[k]; j++) {
                            double v = s.samples()[(recordStart.get(r)[k] + j) * ch + c];
                            long d = Double.isFinite(v) ? Math.round((v - gc[1]) / gc[0]) : 0;
                            d = Math.max(-32768, Math.min(32767, d));
                            rec[p++] = (byte) d;
                            rec[p++] = (byte) (d >> 8);
                        }
                    }
                }
                byte[] tal = tals.get(r);
                Arrays.fill(rec, p, rec.length, (byte) 0);
                System.arraycopy(tal, 0, rec, p, tal.length);
                out.write(rec);
            }
        }
    }

    private static int sumSamples(List<RecordedStream> streams, int[] perRecord) {
        int n = 0;
        for (int k = 0; k < streams.size(); k++) {
            n += streams.get(k).channelCount() * perRecord[k];
        }
        return n;
    }

    /** Continuous runs of the reference stream as [start, end) sample index pairs. */
    private static List<int[]> segments(RecordedStream s) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int g : s.gapStarts()) {
            out.add(new int[] {start, g});
            start = g;
        }
        out.add(new int[] {start, s.sampleCount()});
        return out;
    }

    private static double recordDuration(List<RecordedStream> streams, List<int[]> segs, RecordedStream ref) {
        for (double d : DURATIONS) {
            if (fits(d, streams, segs, ref)) {
                return d;
            }
        }
        return 1.0 / ref.nominalRate();
    }

    private static boolean fits(double d, List<RecordedStream> streams, List<int[]> segs, RecordedStream ref) {
        for (RecordedStream s : streams) {
            double n = s.nominalRate() * d;
            if (Math.abs(n - Math.rint(n)) > 1e-9 || Math.rint(n) < 1) {
                return false;
            }
        }
        long per = Math.round(ref.nominalRate() * d);
        for (int[] seg : segs) {
            if ((seg[1] - seg[0]) % per != 0) {
                return false;
            }
        }
        return plain(d).length() <= 8;
    }

    private static String onset(double seconds) {
        return (seconds < 0 ? "-" : "+") + plain(Math.abs(seconds));
    }

    /** A decimal without exponent, as short as round-trips exactly. */
    static String plain(double v) {
        String s = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return s;
    }

    /** {@code v} in at most 8 characters, rounded in {@code mode} (outwards for a physical min/max). */
    static String fit8(double v, RoundingMode mode) {
        BigDecimal b = new BigDecimal(v);
        for (int scale = 7; scale >= -12; scale--) {
            String s = b.setScale(Math.max(scale, 0), mode).stripTrailingZeros().toPlainString();
            if (scale < 0) {
                BigDecimal q =
                        b.divide(BigDecimal.TEN.pow(-scale)).setScale(0, mode).multiply(BigDecimal.TEN.pow(-scale));
                s = q.toPlainString();
            }
            if (s.length() <= 8) {
                return s;
            }
        }
        throw new IllegalArgumentException("value " + v + " does not fit the 8 characters of an EDF header field");
    }

    private static String field(String s, int width) {
        String ascii = s.codePoints()
                .map(c -> c >= 32 && c < 127 ? c : '_')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (ascii.length() > width) {
            ascii = ascii.substring(0, width);
        }
        return String.format(Locale.ROOT, "%-" + width + "s", ascii);
    }
}
