package org.neuroloop.bench.fuzz;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Replaces {@code System.out} and {@code System.err} with streams that remember what the fuzzed code printed
 * while armed, so a parser that writes to the console (an XML parser's {@code [Fatal Error]} line) is a finding.
 * A warning logged through the logging framework is the library's documented channel: while armed it is dropped
 * (fuzzing would repeat it millions of times), not counted. So is Jazzer's own log: its agent reports each class it
 * instruments, which happens whenever an input first reaches a class. Output outside armed sections passes through.
 */
final class OutputGuard {
    private static final int KEEP = 200;
    private static final StringBuilder CAUGHT = new StringBuilder();
    private static final List<String> LOGGING =
            List.of("org.apache.logging.log4j.", "org.slf4j.", "com.code_intelligence.jazzer.utils.Log");
    private static volatile boolean armed;

    static {
        System.setOut(new PrintStream(new Watching(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Watching(System.err), true, StandardCharsets.UTF_8));
    }

    private OutputGuard() {}

    static void arm() {
        synchronized (CAUGHT) {
            CAUGHT.setLength(0);
        }
        armed = true;
    }

    /** Disarms and returns the start of what was printed while armed ("" if nothing). */
    static String disarm() {
        armed = false;
        synchronized (CAUGHT) {
            return CAUGHT.toString();
        }
    }

    private static final class Watching extends OutputStream {
        private final PrintStream original;

        Watching(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (armed) {
                if (fromLogging()) {
                    return;
                }
                synchronized (CAUGHT) {
                    int room = KEEP - CAUGHT.length();
                    if (room > 0) {
                        CAUGHT.append(new String(b, off, Math.min(len, room), StandardCharsets.UTF_8));
                    }
                }
                return;
            }
            original.write(b, off, len);
        }

        private static boolean fromLogging() {
            return StackWalker.getInstance()
                    .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                            .anyMatch(c -> LOGGING.stream().anyMatch(c::startsWith)));
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
