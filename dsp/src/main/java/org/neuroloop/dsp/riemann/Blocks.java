package org.neuroloop.dsp.riemann;

import java.util.stream.IntStream;

/**
 * Runs work over matrices in fixed-size blocks, in parallel on the common fork-join pool when there is enough
 * work. The block layout depends only on the count, never on the machine, so per-block partial sums added in
 * block order give bit-identical results on any number of cores.
 */
final class Blocks {
    static final int SIZE = 32;
    private static final int PARALLEL_THRESHOLD = 2 * SIZE;

    private Blocks() {}

    interface Body {
        /** Processes items [from, to) of block {@code block}. */
        void run(int block, int from, int to);
    }

    static int count(int items) {
        return (items + SIZE - 1) / SIZE;
    }

    static void forEach(int items, Body body) {
        int blocks = count(items);
        IntStream range = IntStream.range(0, blocks);
        if (items >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(b -> body.run(b, b * SIZE, Math.min(items, (b + 1) * SIZE)));
    }
}
