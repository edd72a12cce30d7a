package org.neuroloop.ingest.recording;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses EDF+ Time-stamped Annotation Lists (TALs) from the bytes of an annotation signal of one data record.
 *
 * <p>Grammar (EDF+ spec, section 2.2.2): {@code +Onset[\x15Duration]\x14[Annotation\x14]*\x00}, several TALs per
 * record, unused bytes {@code \x00}. Texts are UTF-8. The first TAL of a record's first annotation signal is the
 * time-keeping TAL: its first annotation is empty and its onset is the record's start.
 */
final class TalParser {

    /** One parsed TAL: onset and duration in seconds (NaN duration if absent) and its annotation texts. */
    record Tal(double onset, double duration, List<String> texts) {}

    private TalParser() {}

    /**
     * @param bytes the annotation signal's bytes of one record
     * @param file for error messages
     * @param fileOffset byte offset of {@code bytes[0]} in the file, for error messages
     */
    static List<Tal> parse(byte[] bytes, Path file, long fileOffset) throws RecordingFormatException {
        List<Tal> out = new ArrayList<>();
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            if (bytes[i] == 0) {
                i++;
                continue;
            }
            int start = i;
            int end = start;
            while (end < n && bytes[end] != 0) {
                end++;
            }
            // A TAL ends with 0x14 0x00; a TAL cut by the end of the signal is malformed.
            if (end == n || bytes[end - 1] != 0x14) {
                throw new RecordingFormatException(
                        file,
                        fileOffset + start,
                        "a TAL ending in 0x14 0x00 (EDF+ annotation), found '" + printable(bytes, start, end) + "'");
            }
            out.add(parseOne(bytes, start, end, file, fileOffset));
            i = end + 1;
        }
        return out;
    }

    private static Tal parseOne(byte[] b, int start, int end, Path file, long fileOffset)
            throws RecordingFormatException {
        // onset[\x15duration]\x14 ann \x14 ann \x14
        int firstSep = start;
        while (firstSep < end && b[firstSep] != 0x14) {
            firstSep++;
        }
        int dur = start;
        while (dur < firstSep && b[dur] != 0x15) {
            dur++;
        }
        String onsetText = new String(b, start, dur - start, StandardCharsets.US_ASCII);
        if (onsetText.isEmpty() || (onsetText.charAt(0) != '+' && onsetText.charAt(0) != '-')) {
            throw new RecordingFormatException(
                    file,
                    fileOffset + start,
                    "a TAL onset starting with '+' or '-', found '" + printable(b, start, firstSep) + "'");
        }
        double onset = number(onsetText, file, fileOffset + start, "TAL onset");
        double duration = Double.NaN;
        if (dur < firstSep) {
            String d = new String(b, dur + 1, firstSep - dur - 1, StandardCharsets.US_ASCII);
            duration = d.isEmpty() ? Double.NaN : number(d, file, fileOffset + dur + 1, "TAL duration");
        }
        List<String> texts = new ArrayList<>();
        int p = firstSep + 1;
        while (p < end) {
            int q = p;
            while (q < end && b[q] != 0x14) {
                q++;
            }
            texts.add(new String(b, p, q - p, StandardCharsets.UTF_8));
            p = q + 1;
        }
        return new Tal(onset, duration, texts);
    }

    private static double number(String s, Path file, long offset, String what) throws RecordingFormatException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(file, offset, "a number for the " + what + ", found '" + s + "'");
        }
    }

    private static String printable(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, from + 40); i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
