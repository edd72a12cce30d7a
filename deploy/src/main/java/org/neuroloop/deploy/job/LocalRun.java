package org.neuroloop.deploy.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Runs a {@link NeuroLoopJob} on an embedded MiniCluster inside this process and brings its decisions back
 * (what {@code run}, {@code replay} and {@code demo} do). Results travel through Flink's collect sink, so the
 * job's own outputs are attached as usual and nothing is duplicated.
 */
public final class LocalRun {
    private LocalRun() {}

    /**
     * A local environment with the config's Flink settings; with {@code webUi} the Flink Web UI (and its
     * per-session metrics) listens on 127.0.0.1:{@code port}.
     */
    public static StreamExecutionEnvironment environment(ResolvedConfig config, boolean webUi, int port) {
        Configuration c = NeuroLoopJob.flinkConfiguration(config.flink());
        if (webUi) {
            c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            c.set(RestOptions.ADDRESS, "127.0.0.1");
            c.set(RestOptions.PORT, port);
            return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(c);
        }
        return StreamExecutionEnvironment.createLocalEnvironment(config.flink().parallelism(), c);
    }

    private static <T> Thread drain(CloseableIterator<T> it, List<T> into, List<CloseableIterator<?>> all) {
        all.add(it);
        Thread t = new Thread(() -> it.forEachRemaining(into::add), "collect-drain");
        t.setDaemon(true);
        return t;
    }

    /** Builds {@code job} on {@code env}, runs it to the end of its sources and returns what it decided. */
    public static JobEvents run(NeuroLoopJob job, StreamExecutionEnvironment env, String name) throws Exception {
        return run(job, env, name, samples -> {});
    }

    /**
     * As {@link #run(NeuroLoopJob, StreamExecutionEnvironment, String)}, telling {@code samplesDone} the samples
     * processed so far as they come back (for progress).
     */
    public static JobEvents run(NeuroLoopJob job, StreamExecutionEnvironment env, String name, LongConsumer samplesDone)
            throws Exception {
        job.configure(env);
        SessionStreams s = job.build(env);
        DataStream<Long> sizes = s.chunks()
                .map(Chunk::length)
                .returns(Types.INT)
                .map(Integer::longValue)
                .returns(Types.LONG)
                .name("chunk sizes");
        List<Prediction> predictions = new ArrayList<>();
        List<DetectedEvent> events = new ArrayList<>();
        List<StimulationCommand> commands = new ArrayList<>();
        List<Long> chunkSizes = new ArrayList<>();
        // each collect sink has a bounded buffer: drain all of them while the job runs, never one after another
        List<Thread> drains = new ArrayList<>();
        List<CloseableIterator<?>> iterators = new ArrayList<>();
        CloseableIterator<Long> sizeIterator = sizes.collectAsync();
        iterators.add(sizeIterator);
        Thread sizeDrain = new Thread(
                () -> {
                    long done = 0;
                    while (sizeIterator.hasNext()) {
                        long n = sizeIterator.next();
                        chunkSizes.add(n);
                        done += n;
                        samplesDone.accept(done);
                    }
                },
                "collect-drain");
        sizeDrain.setDaemon(true);
        drains.add(sizeDrain);
        if (s.predictions() != null) {
            drains.add(drain(s.predictions().collectAsync(), predictions, iterators));
        }
        if (s.events() != null) {
            drains.add(drain(s.events().collectAsync(), events, iterators));
        }
        if (s.commands() != null) {
            drains.add(drain(s.commands().collectAsync(), commands, iterators));
        }
        JobClient client = env.executeAsync(name);
        drains.forEach(Thread::start);
        try {
            client.getJobExecutionResult().get();
            for (Thread t : drains) {
                t.join();
            }
        } finally {
            for (CloseableIterator<?> it : iterators) {
                it.close();
            }
        }
        long[] counts = {
            chunkSizes.size(), chunkSizes.stream().mapToLong(Long::longValue).sum()
        };
        return new JobEvents(predictions, events, commands, counts[0], counts[1]);
    }
}
