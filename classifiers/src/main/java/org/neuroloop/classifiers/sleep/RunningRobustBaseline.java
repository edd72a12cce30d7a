package org.neuroloop.classifiers.sleep;

/**
 * Causal robust z-score: the feature's mean over each completed block (one second) is kept for the last
 * {@code span} blocks, and a value is scored as {@code (v - median) / MAD} against those blocks' median and scaled
 * median absolute deviation. The baseline changes only when a block completes, so a sample is always scored against
 * samples strictly before its own block; before {@code minBlocks} blocks it scores NaN.
 *
 * <p>Median and MAD of at most {@code span} values are recomputed once per block with a preallocated scratch array
 * (a sort of ~120 values once a second); the per-sample cost is one addition.
 */
public final class RunningRobustBaseline {
    private final int blockSize;
    private final int span;
    private final int minBlocks;
    private final double[] blocks;
    private final double[] scratch;
    private final double[] medMad = new double[2];
    private int blockPos;
    private int blockCount;
    private double blockSum;
    private int inBlock;
    private double median = Double.NaN;
    private double mad = Double.NaN;

    public RunningRobustBaseline(int blockSize, int span, int minBlocks) {
        if (blockSize < 1 || span < 1 || minBlocks < 1 || minBlocks > span) {
            throw new IllegalArgumentException("baseline needs block >= 1, 1 <= minBlocks <= span; got block "
                    + blockSize + ", span " + span + ", minBlocks " + minBlocks);
        }
        this.blockSize = blockSize;
        this.span = span;
        this.minBlocks = minBlocks;
        this.blocks = new double[span];
        this.scratch = new double[span];
    }

    /** z-score of {@code v} against the current baseline (NaN while warming up). */
    public double z(double v) {
        return (v - median) / mad;
    }

    /** Adds {@code v} to the current block; completes the block and updates the baseline every {@code blockSize}. */
    public void add(double v) {
        blockSum += v;
        if (++inBlock == blockSize) {
            blocks[blockPos] = blockSum / blockSize;
            blockPos = blockPos + 1 == span ? 0 : blockPos + 1;
            if (blockCount < span) {
                blockCount++;
            }
            blockSum = 0;
            inBlock = 0;
            if (blockCount >= minBlocks) {
                Robust.medianAndMad(blocks, blockCount, scratch, medMad);
                median = medMad[0];
                mad = Math.max(medMad[1], 1e-9);
            }
        }
    }

    public int stateSize() {
        return span + 6;
    }

    public int save(double[] a, int off) {
        System.arraycopy(blocks, 0, a, off, span);
        off += span;
        a[off++] = blockPos;
        a[off++] = blockCount;
        a[off++] = blockSum;
        a[off++] = inBlock;
        a[off++] = median;
        a[off++] = mad;
        return off;
    }

    public int load(double[] a, int off) {
        System.arraycopy(a, off, blocks, 0, span);
        off += span;
        blockPos = (int) a[off++];
        blockCount = (int) a[off++];
        blockSum = a[off++];
        inBlock = (int) a[off++];
        median = a[off++];
        mad = a[off++];
        return off;
    }
}
