package org.neuroloop.ingest.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a single-channel signal stored as plain text, one value in µV per line (DREAMS, YASA sample data).
 * An optional first line in brackets names the derivation ({@code [C3-A1]}); blank lines are skipped. The file
 * carries no rate, so the caller gives it (or {@link #rateFromName} finds {@code 200Hz} in the file name).
 * Timestamps are {@code i / rate}.
 */
public final class TextSignalReader {
    private static final Pattern RATE_IN_NAME = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*hz", Pattern.CASE_INSENSITIVE);

    private TextSignalReader() {}

    /** A rate written in the file name, e.g. {@code data_N2_spindles_15sec_200Hz.txt} gives 200; NaN if none. */
    public static double rateFromName(Path file) {
        Matcher m = RATE_IN_NAME.matcher(file.getFileName().toString());
        double rate = Double.NaN;
        while (m.find()) {
            rate = Double.parseDouble(m.group(1));
        }
        return rate;
    }

    /**
     * @param rate sampling rate in Hz (> 0)
     * @return a recording with one EEG stream named after the file, its channel labelled by the bracketed header
     *         line, or {@code EEG} without one
     */
    public static Recording read(Path file, double rate) throws IOException {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    file + ": a plain-text signal needs a sampling rate > 0 Hz, got " + rate);
        }
        long size = Files.size(file);
        // At least two bytes per value ("0\n"): bounds the array before reading.
        double[] values = new double[(int) Math.min(Integer.MAX_VALUE - 8, size / 2 + 1)];
        int n = 0;
        String label = "EEG";
        long offset = 0;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                long lineStart = offset;
                offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (lineNo == 1 && t.startsWith("[") && t.endsWith("]")) {
                    label = t.substring(1, t.length() - 1).strip();
                    continue;
                }
                try {
                    values[n++] = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new RecordingFormatException(
                            file,
                            lineStart,
                            "one number per line (line " + lineNo + "), found '"
                                    + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'");
                }
            }
        } catch (CharacterCodingException e) {
            throw new RecordingFormatException(
                    file, offset, "UTF-8 text after line " + lineNo + " (" + e.getMessage() + ")", e);
        }
        double[] samples = Arrays.copyOf(values, n);
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i / rate;
        }
        RecordedStream s = new RecordedStream(
                EdfStreams.baseName(file),
                "EEG",
                file.toString(),
                List.of(label),
                List.of(VoltageUnits.MICROVOLT),
                rate,
                ChannelFormat.DOUBLE64,
                ts,
                samples,
                null,
                null,
                Map.of());
        return new Recording(file, "text", List.of(s), List.of(), Map.of());
    }
}
