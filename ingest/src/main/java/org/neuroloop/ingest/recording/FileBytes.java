package org.neuroloop.ingest.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A whole file as a read-only little-endian byte buffer with a cursor, where every read first checks that the
 * bytes exist and otherwise throws a {@link RecordingFormatException} naming the file, the offset and what was
 * being read. Readers use it so that no header value can make them read past the end of the file or allocate
 * more than the file could hold.
 */
final class FileBytes {
    private final Path file;
    private final ByteBuffer buf;

    private FileBytes(Path file, ByteBuffer buf) {
        this.file = file;
        this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Maps {@code file} read-only. Files above 2 GiB are refused (a recording in memory could not hold them). */
    static FileBytes open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new RecordingFormatException(file, 0, "a file below 2 GiB, got " + size + " bytes");
            }
            return new FileBytes(file, ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /** Wraps bytes already in memory (for tests and in-memory parsing). */
    static FileBytes of(Path name, byte[] bytes) {
        return new FileBytes(name, ByteBuffer.wrap(bytes));
    }

    Path file() {
        return file;
    }

    long size() {
        return buf.limit();
    }

    long position() {
        return buf.position();
    }

    long remaining() {
        return buf.remaining();
    }

    void seek(long offset, String what) throws RecordingFormatException {
        if (offset < 0 || offset > buf.limit()) {
            throw fail(buf.position(), what + " at byte " + offset + ", beyond the file's " + buf.limit() + " bytes");
        }
        buf.position((int) offset);
    }

    /** Throws unless {@code n} more bytes of {@code what} are available. */
    void require(long n, String what) throws RecordingFormatException {
        if (n < 0) {
            throw fail(buf.position(), what + ": a non-negative length, got " + n);
        }
        if (n > buf.remaining()) {
            throw fail(buf.position(), n + " bytes of " + what + ", only " + buf.remaining() + " left in the file");
        }
    }

    RecordingFormatException fail(long offset, String expected) {
        return new RecordingFormatException(file, offset, expected);
    }

    int u8(String what) throws RecordingFormatException {
        require(1, what);
        return buf.get() & 0xff;
    }

    int u16(String what) throws RecordingFormatException {
        require(2, what);
        return buf.getShort() & 0xffff;
    }

    int i32(String what) throws RecordingFormatException {
        require(4, what);
        return buf.getInt();
    }

    long u32(String what) throws RecordingFormatException {
        require(4, what);
        return buf.getInt() & 0xffffffffL;
    }

    long i64(String what) throws RecordingFormatException {
        require(8, what);
        return buf.getLong();
    }

    float f32(String what) throws RecordingFormatException {
        require(4, what);
        return buf.getFloat();
    }

    double f64(String what) throws RecordingFormatException {
        require(8, what);
        return buf.getDouble();
    }

    byte[] bytes(long n, String what) throws RecordingFormatException {
        require(n, what);
        byte[] b = new byte[(int) n];
        buf.get(b);
        return b;
    }

    void skip(long n, String what) throws RecordingFormatException {
        require(n, what);
        buf.position(buf.position() + (int) n);
    }

    /** {@code n} bytes decoded with {@code cs}, trailing spaces and NULs removed. */
    String text(int n, Charset cs, String what) throws RecordingFormatException {
        byte[] b = bytes(n, what);
        int end = b.length;
        while (end > 0 && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && b[start] == ' ') {
            start++;
        }
        return new String(b, start, end - start, cs);
    }

    /** Absolute reads (no cursor move); callers check bounds first with {@link #checkRange}. */
    byte getByte(long offset) {
        return buf.get((int) offset);
    }

    short getShort(long offset) {
        return buf.getShort((int) offset);
    }

    int getInt(long offset) {
        return buf.getInt((int) offset);
    }

    long getLong(long offset) {
        return buf.getLong((int) offset);
    }

    float getFloat(long offset) {
        return buf.getFloat((int) offset);
    }

    double getDouble(long offset) {
        return buf.getDouble((int) offset);
    }

    /** The whole file as a buffer of its own (position 0) in {@code order}, for absolute reads. */
    ByteBuffer view(ByteOrder order) {
        return buf.duplicate().position(0).order(order);
    }

    /**
     * Copies {@code dst.length} little-endian 16-bit values starting at {@code offset} (bounds checked by the caller).
     */
    void getShorts(long offset, short[] dst) {
        buf.slice((int) offset, dst.length * 2)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(dst);
    }

    /** Copies {@code dst.length} bytes starting at {@code offset} (bounds checked by the caller). */
    void getBytes(long offset, byte[] dst) {
        buf.get((int) offset, dst);
    }

    /** Throws unless bytes {@code [offset, offset + n)} lie in the file. */
    void checkRange(long offset, long n, String what) throws RecordingFormatException {
        if (offset < 0 || n < 0 || offset + n > buf.limit()) {
            throw fail(offset, n + " bytes of " + what + ", but the file ends at byte " + buf.limit());
        }
    }
}
