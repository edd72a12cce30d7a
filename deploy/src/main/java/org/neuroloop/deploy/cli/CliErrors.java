package org.neuroloop.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.neuroloop.deploy.config.ConfigException;
import org.neuroloop.lsl4j.LslException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a command's exception becomes on the console: one line naming the command and what was wrong (the file, key
 * or value the exception names), never a stack trace for bad input. Exit code 2 for bad input (a file that is
 * missing or malformed, a bad value or config key, an LSL setting), 1 for anything else. An exception that is not
 * about the input (a bug) also gets one line, plus a hint; {@code NEUROLOOP_DEBUG=1} prints every stack trace.
 */
public final class CliErrors implements IExecutionExceptionHandler {

    /** Exit code of a command refused because of its input. */
    public static final int BAD_INPUT = 2;

    private final boolean debug;

    public CliErrors() {
        this("1".equals(System.getenv("NEUROLOOP_DEBUG")));
    }

    CliErrors(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Throwable e = unwrap(ex);
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        boolean badInput = isBadInput(e);
        if (badInput) {
            err.println(command + ": " + describe(e));
        } else {
            err.println(command + " failed: " + e.getClass().getSimpleName() + ": " + describe(e));
            if (!debug) {
                err.println(
                        "  (this looks like a bug in NeuroLoop: NEUROLOOP_DEBUG=1 prints the stack trace; please report it)");
            }
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return badInput ? BAD_INPUT : 1;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException
                        || t instanceof CompletionException
                        || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof IOException
                || e instanceof IllegalArgumentException
                || e instanceof ConfigException
                || e instanceof LslException;
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": " + (n.getReason() == null ? "no such file" : n.getReason());
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
