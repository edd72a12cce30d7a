package org.neuroloop.deploy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * One scored excerpt of {@code evaluate spindles}: a signal with its reference scoring and, optionally, its hypnogram
 * and further scorings to draw. Repeating {@code --signal} starts the next excerpt, so {@code --signal A --fs 100
 * --reference RA --signal B --fs 200 --reference RB} scores two.
 */
final class SpindleExcerptOptions {
    @Option(
            names = "--signal",
            required = true,
            description = "Recording (EDF/BDF/XDF/GDF/BrainVision) or plain text (one µV value per line) with --fs;"
                    + " repeat --signal (with its --fs, --reference, ...) to score several excerpts.")
    Path signal;

    @Option(names = "--fs", description = "Sampling rate of that signal in Hz (required for plain text).")
    Double fs;

    @Option(
            names = "--reference",
            required = true,
            description = "Reference scoring of that signal: optional [header], then 'onset_s duration_s' per line.")
    Path reference;

    @Option(
            names = "--hypnogram",
            description = "Optional DREAMS hypnogram of that signal: gates the classic detector by --stages and is"
                    + " drawn in the report.")
    Path hypnogram;

    @Option(
            names = "--show-scoring",
            paramLabel = "NAME=FILE",
            description = "With --report: another scoring of that signal drawn in its timeline"
                    + " (e.g. expert2=Visual_scoring2_excerpt1.txt); repeatable.")
    Map<String, Path> showScorings = new LinkedHashMap<>();

    /**
     * Refuses, before any work, a file of this excerpt that is missing or unreadable, naming its option: a typo in
     * the fourth excerpt should not surface after scoring three.
     */
    void checkFiles() {
        check("--signal", signal);
        check("--reference", reference);
        if (hypnogram != null) {
            check("--hypnogram", hypnogram);
        }
        showScorings.forEach((name, file) -> check("--show-scoring " + name, file));
    }

    private static void check(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    option + " " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": permission denied");
        }
    }
}
