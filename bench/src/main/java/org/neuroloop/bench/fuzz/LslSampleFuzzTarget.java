package org.neuroloop.bench.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.wire.SampleCodec;

/**
 * Sample decoding as an inlet runs it on a feed's bytes ({@link SampleCodec}): the input's first byte picks the
 * channel format, the second the channel count (1-16); the rest is a feed, decoded sample by sample while
 * {@link SampleCodec#completeSampleSize} finds a complete one. Documents {@link LslException}. Seeds are feeds
 * the codec encodes, one per format.
 */
final class LslSampleFuzzTarget implements FuzzTarget {
    private static final ChannelFormat[] FORMATS = ChannelFormat.values();

    @Override
    public String name() {
        return "lsl-samples";
    }

    @Override
    public void parse(byte[] input) {
        if (input.length < 2) {
            return;
        }
        ChannelFormat format = FORMATS[(input[0] & 0xff) % FORMATS.length];
        int channels = 1 + (input[1] & 0x0f);
        SampleCodec codec = new SampleCodec(format, channels, 100);
        ByteBuffer feed = ByteBuffer.wrap(input, 2, input.length - 2).slice().order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[channels];
        float[] floats = new float[channels];
        String[] strings = new String[channels];
        double t = 0;
        for (int k = 0; codec.completeSampleSize(feed) > 0; k++) {
            if (format == ChannelFormat.STRING) {
                t = codec.decode(feed, strings, 0, t);
            } else if (k % 2 == 0) {
                t = codec.decode(feed, values, 0, t);
            } else {
                t = codec.decode(feed, floats, 0, t);
            }
        }
    }

    @Override
    public boolean documented(Throwable failure) {
        return failure instanceof LslException;
    }

    @Override
    public List<byte[]> seeds(Path sharedData, int maxLength) {
        List<byte[]> out = new ArrayList<>();
        for (int f = 0; f < FORMATS.length; f++) {
            int channels = 3;
            SampleCodec codec = new SampleCodec(FORMATS[f], channels, 100);
            ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) f).put((byte) (channels - 1));
            for (int k = 0; k < 4; k++) {
                if (FORMATS[f] == ChannelFormat.STRING) {
                    codec.encode(b, new String[] {"a", "", "stim " + k}, 0, k * 0.01, k % 2 == 0);
                } else {
                    codec.encode(b, new double[] {k, -k, 1e3 * k}, 0, k * 0.01, k % 2 == 0);
                }
            }
            byte[] seed = new byte[b.position()];
            b.flip().get(seed);
            out.add(seed);
        }
        return out;
    }
}
