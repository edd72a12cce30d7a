package org.neuroloop.bench.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private folder where a fuzz input is written as a file for the readers that take a path; in memory
 * ({@code /dev/shm}) where the machine has it, since every execution rewrites the file.
 */
final class FuzzFiles {
    private static final Path DIR = create();

    private FuzzFiles() {}

    /** Writes {@code bytes} to {@code name} in the private folder, replacing what was there. */
    static Path write(String name, byte[] bytes) throws IOException {
        Path p = DIR.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Removes {@code name} from the private folder if present. */
    static void delete(String name) throws IOException {
        Files.deleteIfExists(DIR.resolve(name));
    }

    private static Path create() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "neuroloop-fuzz-")
                    : Files.createTempDirectory("neuroloop-fuzz-");
            dir.toFile().deleteOnExit();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for fuzz inputs", e);
        }
    }

    private static void deleteAll(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
