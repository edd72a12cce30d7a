package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A growable native scratch buffer owned by one outlet or inlet. It reallocates only when a caller needs more
 * bytes than ever before, so steady-state pushes and pulls allocate nothing.
 */
final class NativeBuffer implements AutoCloseable {
    private Memory memory;
    private long offsetBytes = -1;
    private Pointer offsetView;

    /** At least {@code bytes} bytes of native memory (contents unspecified after growth). */
    Memory ensure(long bytes) {
        long want = Math.max(bytes, 8);
        if (memory == null || memory.size() < want) {
            if (memory != null) {
                memory.close();
            }
            memory = new Memory(Math.max(want, memory == null ? 64 : memory.size() * 2));
            offsetBytes = -1;
            offsetView = null;
        }
        return memory;
    }

    /** A view starting {@code bytes} into the buffer; cached so repeated calls with one offset do not allocate. */
    Pointer at(long bytes) {
        if (bytes == 0) {
            return memory;
        }
        if (bytes != offsetBytes) {
            offsetView = memory.share(bytes);
            offsetBytes = bytes;
        }
        return offsetView;
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
            memory = null;
        }
    }
}
