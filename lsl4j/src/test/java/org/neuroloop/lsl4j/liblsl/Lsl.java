package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.lsl4j.LslException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point to liblsl: loads the native library once (after checking the loopback config) and exposes the
 * library-wide functions {@link #localClock()}, {@link #libraryVersion()}, {@link #protocolVersion()}.
 *
 * <p>Where the library is looked for, first hit wins:
 * <ol>
 *   <li>system property {@code -Dneuroloop.liblsl=PATH};</li>
 *   <li>environment variable {@code LIBLSL_PATH};</li>
 *   <li>the user's own liblsl by name {@code lsl} on {@code jna.library.path} or the system library path;</li>
 *   <li>{@code <repo root>/.liblsl/liblsl64.so} (fetched by the build; repo root = system property
 *       {@code neuroloop.root}, else the working directory and its parents).</li>
 * </ol>
 * Before loading, {@link LoopbackConfig#require()} must pass: liblsl's defaults multicast on every interface.
 */
public final class Lsl {
    private static final Logger LOG = LoggerFactory.getLogger(Lsl.class);

    /** A nominal rate of 0 marks an irregular stream (markers, events). */
    public static final double IRREGULAR_RATE = 0.0;
    /** Timeout meaning "practically forever" (liblsl's {@code LSL_FOREVER}, > 1 year). */
    public static final double FOREVER = 32000000.0;

    private static volatile boolean loaded;
    private static String loadedFrom;
    private static RuntimeException loadFailure;

    private Lsl() {}

    /**
     * Loads and registers liblsl once; later calls return at once. A failure is remembered and rethrown.
     *
     * @throws LslException when no loopback lsl_api.cfg is in place or the library cannot be found/loaded
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (Lsl.class) {
            if (loaded) {
                return;
            }
            if (loadFailure != null) {
                throw new LslException(loadFailure.getMessage(), loadFailure);
            }
            try {
                if (Native.LONG_SIZE != 8) {
                    throw new LslException("this liblsl binding assumes an LP64 platform (C long = 64 bits), got "
                            + Native.LONG_SIZE * 8 + "-bit long");
                }
                Path cfg = LoopbackConfig.require();
                NativeLibrary lib = open();
                Native.register(LslNative.class, lib);
                loadedFrom =
                        lib.getFile() == null ? lib.getName() : lib.getFile().getAbsolutePath();
                loaded = true;
                LOG.info(
                        "liblsl {} (protocol {}) loaded from {}, config {}",
                        LslNative.lsl_library_version(),
                        LslNative.lsl_protocol_version(),
                        loadedFrom,
                        cfg);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                loadFailure = e instanceof RuntimeException re
                        ? re
                        : new LslException("cannot load liblsl: " + e.getMessage(), e);
                throw loadFailure;
            }
        }
    }

    private static NativeLibrary open() {
        List<String> tried = new ArrayList<>();
        String prop = System.getProperty("neuroloop.liblsl");
        if (prop != null && !prop.isBlank()) {
            return openFile(Path.of(prop), "-Dneuroloop.liblsl");
        }
        String env = System.getenv("LIBLSL_PATH");
        if (env != null && !env.isBlank()) {
            return openFile(Path.of(env), "LIBLSL_PATH");
        }
        try {
            return NativeLibrary.getInstance("lsl");
        } catch (UnsatisfiedLinkError e) {
            tried.add("library name 'lsl' on jna.library.path/system path");
        }
        for (Path root : rootCandidates()) {
            Path so = root.resolve(".liblsl").resolve("liblsl64.so");
            tried.add(so.toString());
            if (Files.isRegularFile(so)) {
                return openFile(so, "repository .liblsl");
            }
        }
        throw new LslException("liblsl not found; tried " + tried + ". Set -Dneuroloop.liblsl=/path/to/liblsl.so or "
                + "LIBLSL_PATH, or run the build (build/fetch-liblsl.sh puts it into <repo>/.liblsl/)");
    }

    private static NativeLibrary openFile(Path path, String origin) {
        if (!Files.isRegularFile(path)) {
            throw new LslException("liblsl from " + origin + " does not exist: " + path.toAbsolutePath());
        }
        try {
            return NativeLibrary.getInstance(path.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            throw new LslException(
                    "cannot load liblsl " + path.toAbsolutePath() + " (from " + origin + "): " + e.getMessage(), e);
        }
    }

    private static List<Path> rootCandidates() {
        List<Path> roots = new ArrayList<>();
        String root = System.getProperty("neuroloop.root");
        if (root != null && !root.isBlank()) {
            roots.add(Path.of(root).toAbsolutePath());
        }
        for (Path p = LoopbackConfig.workingDirectory(); p != null; p = p.getParent()) {
            roots.add(p);
        }
        return roots;
    }

    /** Absolute path (or name) of the loaded library. */
    public static String libraryPath() {
        load();
        return loadedFrom;
    }

    /**
     * liblsl's clock, seconds: {@code std::chrono::steady_clock}, i.e. CLOCK_MONOTONIC on Linux, the same clock as
     * {@link System#nanoTime()}{@code /1e9} on the same host.
     */
    public static double localClock() {
        load();
        return LslNative.lsl_local_clock();
    }

    /** Library version times 100 (e.g. 110 for 1.10). */
    public static int libraryVersion() {
        load();
        return LslNative.lsl_library_version();
    }

    /** Protocol version times 100 (e.g. 110). */
    public static int protocolVersion() {
        load();
        return LslNative.lsl_protocol_version();
    }
}
