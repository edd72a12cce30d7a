package org.neuroloop.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link BenchCli} command line run in this JVM, with what it printed on standard output. */
record BenchCliRun(int code, String stdout) {

    /** Runs {@code args}; standard output is captured meanwhile and restored after. */
    static BenchCliRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = BenchCli.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
        return new BenchCliRun(code, buffer.toString(StandardCharsets.UTF_8).trim());
    }

    /** The output read as one JSON document. */
    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(stdout);
    }
}
