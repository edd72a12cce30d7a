package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.util.function.Consumer;
import org.neuroloop.lsl4j.LslException;

/**
 * Owns one liblsl handle: {@link #close()} destroys it exactly once; a {@link Cleaner} destroys it if the owner
 * is garbage collected unclosed (a safety net only: native sockets and threads should be released deterministically).
 */
abstract class NativeHandle implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Pointer handle;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    NativeHandle(Pointer handle, Consumer<Pointer> destroy, String what) {
        if (handle == null || Pointer.nativeValue(handle) == 0) {
            throw new LslException("liblsl could not create " + what);
        }
        this.handle = handle;
        this.cleanable = CLEANER.register(this, new Destroy(handle, destroy));
    }

    /** The live handle; throws once closed so no call reaches freed native memory. */
    final Pointer handle() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        return handle;
    }

    public final boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    /** Holds no reference to the owner, so the owner stays collectable. */
    private record Destroy(Pointer handle, Consumer<Pointer> destroy) implements Runnable {
        @Override
        public void run() {
            destroy.accept(handle);
        }
    }
}
