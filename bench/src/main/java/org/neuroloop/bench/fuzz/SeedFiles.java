package org.neuroloop.bench.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Sample files turned into seeds no longer than the fuzzer's maximum input: a large file is cut where its format
 * still holds (whole EDF data records with the record count patched, whole XDF chunks), so the seed reaches the
 * reader's sample decoding and not only its first length check.
 */
final class SeedFiles {
    private SeedFiles() {}

    /** Regular files under {@code dir} (recursively) whose name ends with {@code suffix}, sorted; none if no dir. */
    static List<Path> under(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    /** The first {@code max} bytes. */
    static byte[] prefix(byte[] file, int max) {
        return file.length <= max ? file : Arrays.copyOf(file, max);
    }

    /**
     * An EDF/BDF file cut to the data records that fit in {@code max} bytes (maybe none), with the header's
     * record count set to match; the plain prefix when the header does not parse.
     */
    static byte[] edfRecords(byte[] file, int max) {
        if (file.length <= max) {
            return file;
        }
        try {
            int headerBytes = Integer.parseInt(ascii(file, 184, 8));
            int signals = Integer.parseInt(ascii(file, 252, 4));
            int bytesPerSample = (file[0] & 0xff) == 0xff ? 3 : 2;
            long recordBytes = 0;
            for (int i = 0; i < signals; i++) {
                recordBytes += Long.parseLong(ascii(file, 256 + signals * 216 + i * 8, 8)) * bytesPerSample;
            }
            if (headerBytes > max) {
                return prefix(file, max);
            }
            long records = (max - headerBytes) / Math.max(1, recordBytes);
            int length = (int) Math.min(file.length, headerBytes + records * recordBytes);
            byte[] out = Arrays.copyOf(file, length);
            byte[] count = String.format(Locale.ROOT, "%-8d", records).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(count, 0, out, 236, 8);
            return out;
        } catch (RuntimeException e) {
            return prefix(file, max);
        }
    }

    /** An XDF file keeping, in order, the whole chunks that fit in {@code max} bytes (headers are small). */
    static byte[] xdfChunks(byte[] file, int max) {
        if (file.length <= max) {
            return file;
        }
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(max);
        in.position(4);
        out.put(file, 0, 4);
        while (in.remaining() > 1) {
            int start = in.position();
            int width = in.get() & 0xff;
            long length = switch (width) {
                case 1 -> in.get() & 0xff;
                case 4 -> in.getInt() & 0xffffffffL;
                case 8 -> in.getLong();
                default -> -1;
            };
            if (length < 0 || length > in.remaining()) {
                break;
            }
            int end = (int) (in.position() + length);
            if (end - start <= out.remaining()) {
                out.put(file, start, end - start);
            }
            in.position(end);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.US_ASCII).strip();
    }
}
