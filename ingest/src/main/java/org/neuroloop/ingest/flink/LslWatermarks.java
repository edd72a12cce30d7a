package org.neuroloop.ingest.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Watermark strategies for {@link LslSource} records (timestamps = LSL ms, see {@link LslSource#toEventMillis}). */
public final class LslWatermarks {
    private LslWatermarks() {}

    /**
     * Watermark = newest record timestamp − 1 ms, emitted with every record rather than on the periodic
     * auto-watermark interval (200 ms by default), so event-time operators fire as soon as the data is there.
     * The same contract as {@code WatermarkStrategy.forMonotonousTimestamps()}: timestamps must not decrease (the
     * source's monotonize stage guarantees that within a connection).
     */
    public static <T> WatermarkStrategy<T> followNewestSample() {
        return WatermarkStrategy.forGenerator(ctx -> new FollowNewest<>());
    }

    private static final class FollowNewest<T> implements WatermarkGenerator<T> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            if (eventTimestamp > max) {
                max = eventTimestamp;
                output.emitWatermark(new Watermark(max - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // punctuated: everything is emitted in onEvent
        }
    }
}
