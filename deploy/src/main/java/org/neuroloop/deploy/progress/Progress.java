package org.neuroloop.deploy.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr (so {@code --json} on stdout stays clean): a redrawn bar with rate and ETA when
 * stderr is a terminal, otherwise a plain line every {@value #LINE_SECONDS} s (logs, CI, pipes). The bar is
 * {@code me.tongfei:progressbar}; this class only chooses how it prints.
 */
public final class Progress implements AutoCloseable {
    static final int LINE_SECONDS = 10;
    private final ProgressBar bar;
    private Thread ticker;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param task what is being done, e.g. "replay"
     * @param total steps to do; -1 when unknown (then no ETA)
     * @param unit what a step is, e.g. "splits" or "s"
     */
    public static Progress start(String task, long total, String unit) {
        boolean terminal = stderrIsTerminal();
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed(new DecimalFormat("0.0"))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(terminal ? 500 : LINE_SECONDS * 1000)
                .setMaxRenderedLength(100);
        if (terminal) {
            b.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(System.err));
        } else {
            b.setStyle(ProgressBarStyle.ASCII).setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100));
        }
        return new Progress(b.build());
    }

    /**
     * Progress of work that takes a known time (a recording, a benchmark run, a demo): a daemon thread steps the
     * bar by the elapsed seconds until {@link #close()}.
     */
    public static Progress timed(String task, double seconds) {
        Progress p = start(task, Math.round(Math.ceil(seconds)), "s");
        long t0 = System.nanoTime();
        Thread ticker = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        p.stepTo(Math.min(p.bar.getMax(), (System.nanoTime() - t0) / 1_000_000_000L));
                        try {
                            Thread.sleep(250);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "progress-" + task);
        ticker.setDaemon(true);
        p.ticker = ticker;
        ticker.start();
        return p;
    }

    /**
     * A status line of work whose steps only the worker knows (network training epochs, fine-tuning splits): on
     * stderr, beside the bars.
     */
    public static void note(String line) {
        System.err.println(line);
    }

    /** Work done so far, in steps. */
    public void stepTo(long done) {
        bar.stepTo(done);
    }

    public void step() {
        bar.step();
    }

    /** Changes the total when it becomes known. */
    public void maxHint(long total) {
        bar.maxHint(total);
    }

    /** An extra note after the bar, e.g. "12 stimulations" (the bar draws it right after its rate: a space first). */
    public void extra(String message) {
        bar.setExtraMessage(message.isEmpty() || message.startsWith(" ") ? message : " " + message);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.interrupt();
        }
        bar.close();
    }

    /** Whether stderr is a terminal: Linux's {@code /proc/self/fd/2}, else the JVM's console. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
