package org.neuroloop.deploy.progress;

import org.neuroloop.classifiers.deep.TrainingProgress;

/**
 * Network training shown as a {@link Progress} bar over all the epochs a command runs (pretraining, fine-tuning per
 * split, ...): rate and ETA in epochs, the latest epoch line (loss, elapsed time) after the bar; on a non-terminal,
 * {@link Progress}'s plain periodic lines carry the same.
 */
public final class TrainingBar implements TrainingProgress, AutoCloseable {
    private final Progress bar;
    private long done;

    /** @param epochs every epoch the command will train, over all its training runs */
    public TrainingBar(String task, long epochs) {
        this.bar = Progress.start(task, epochs, "epochs");
    }

    @Override
    public void report(String line) {
        bar.extra(line);
    }

    @Override
    public void epochDone(int epoch, int epochs) {
        bar.stepTo(++done);
    }

    @Override
    public void close() {
        bar.close();
    }
}
