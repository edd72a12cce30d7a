package org.neuroloop.ingest.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens any supported recording file, picking the reader by magic bytes first and extension second:
 * XDF ({@code XDF:}), EDF/EDF+ ({@code 0}), BDF/BDF+ ({@code 0xFF BIOSEMI}), GDF ({@code GDF 2.}), BrainVision
 * ({@code .vhdr}) and plain text ({@code .txt}, one value per line; needs a rate).
 */
public final class Recordings {

    private Recordings() {}

    /**
     * Opens {@code file}; a plain-text file must name its rate (e.g. {@code _200Hz}) or use {@link #open(Path,
     * double)}.
     */
    public static Recording open(Path file) throws IOException {
        return open(file, Double.NaN);
    }

    /**
     * @param textRate sampling rate for plain-text files (NaN: take it from the file name); ignored otherwise
     */
    public static Recording open(Path file, double textRate) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "recording file not found");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 8);
        }
        String magic = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (magic.startsWith("XDF:")) {
            return XdfReader.read(file);
        }
        if (magic.startsWith("GDF ")) {
            return GdfReader.read(file);
        }
        if (n == 8 && (head[0] == (byte) 0xff && magic.startsWith("BIOSEMI", 1) || magic.equals("0       "))) {
            return EdfReader.read(file);
        }
        if (name.endsWith(".vhdr") || name.endsWith(".ahdr")) {
            return BrainVisionReader.read(file);
        }
        if (name.endsWith(".txt") || name.endsWith(".csv") || name.endsWith(".dat")) {
            double rate = Double.isNaN(textRate) ? TextSignalReader.rateFromName(file) : textRate;
            if (Double.isNaN(rate)) {
                throw new IllegalArgumentException(file + ": a plain-text signal has no sampling rate in it;"
                        + " give one (e.g. --rate 200) or put it in the file name (e.g. _200Hz)");
            }
            return TextSignalReader.read(file, rate);
        }
        throw new RecordingFormatException(
                file,
                0,
                "a recording: XDF ('XDF:'), EDF ('0       '), BDF (0xFF'BIOSEMI'),"
                        + " GDF ('GDF 2.xx'), BrainVision (.vhdr) or text (.txt); found magic '" + printable(magic)
                        + "'");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
