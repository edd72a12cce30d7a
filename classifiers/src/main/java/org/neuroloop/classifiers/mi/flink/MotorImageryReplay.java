package org.neuroloop.classifiers.mi.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.neuroloop.classifiers.mi.MotorImageryModel;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.ingest.recording.RecordedStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a recording through the online motor-imagery path in a Flink job: the recording's samples as chunks
 * with their stored timestamps → {@link MotorImageryStreams#decode} → predictions collected back to the caller.
 * The job takes its source (the chunk list) and returns its output, so tests and the CLI wire it the same way.
 */
public final class MotorImageryReplay {

    private MotorImageryReplay() {
    }

    /** The stream as consecutive chunks of {@code size} samples for session {@code session}. */
    public static List<Chunk> chunks(RecordedStream s, String session, int size) {
        int ch = s.channelCount();
        List<Chunk> out = new ArrayList<>();
        double[] x = s.samples();
        for (int i = 0; i < s.sampleCount(); i += size) {
            int n = Math.min(size, s.sampleCount() - i);
            out.add(new Chunk(session, i, Arrays.copyOfRange(s.timestamps(), i, i + n), Arrays.copyOfRange(x, i * ch, (i + n) * ch), ch,
                    s.nominalRate(), 0));
        }
        return out;
    }

    /** Runs the decoding job on {@code env} and returns the predictions in time order per session. */
    public static List<Prediction> run(StreamExecutionEnvironment env, List<Chunk> chunks, MotorImageryModel model, double stepSeconds)
            throws Exception {
        DataStream<Chunk> source = env.fromData(chunks, TypeInformation.of(Chunk.class)).name("recording chunks");
        DataStream<Prediction> predictions = MotorImageryStreams.decode(source, model, stepSeconds);
        List<Prediction> out = new ArrayList<>();
        try (CloseableIterator<Prediction> it = predictions.executeAndCollect("neuroloop mi replay")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
