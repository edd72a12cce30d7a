package org.neuroloop.dsp.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The records that flow through the job must get Flink's POJO serializer, never Kryo. */
class RecordSerializationTest {

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // what env.getConfig().disableGenericTypes() sets: Kryo fallback throws
        TypeInformation<T> info = TypeInformation.of(type);
        assertInstanceOf(PojoTypeInfo.class, info, type + " must be a Flink POJO type");
        TypeSerializer<T> serializer = info.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void chunkRoundTrips() throws Exception {
        Chunk c = new Chunk("s1", 42, new double[] {1.0, 1.5}, new double[] {1, 2, 3, 4, 5, 6}, 3, 2.0, ChunkFlags.GAP);
        assertEquals(c, roundTrip(Chunk.class, c));
    }

    @Test
    void derivedRecordsRoundTrip() throws Exception {
        Prediction p = new Prediction("s", 3.5, new double[] {0.2, 0.8}, 1, 0);
        Prediction p2 = roundTrip(Prediction.class, p);
        assertArrayEquals(p.probabilities(), p2.probabilities());
        assertEquals(p.timestamp(), p2.timestamp());
        DetectedEvent e =
                new DetectedEvent("s", "spindle", 10.2, 10.0, Double.NaN, 10.1, 3.0, 2.0, 13.0, Double.NaN, 0);
        assertEquals(e, roundTrip(DetectedEvent.class, e));
        StimulationCommand cmd = new StimulationCommand("s#1", "s", "pulse", "spindle", 3, 2, 10.2, 10.2, false);
        assertEquals(cmd, roundTrip(StimulationCommand.class, cmd));
        StimulationAck ack = new StimulationAck("s#1", "s", "lsl", 10.201, 0.001, true, "");
        assertEquals(ack, roundTrip(StimulationAck.class, ack));
        Marker m = new Marker("s", 1.0, "T1", 4.1);
        assertEquals(m, roundTrip(Marker.class, m));
        FeatureVector f = new FeatureVector("s", "tangent", 2.0, new double[] {1, 2}, 0);
        assertArrayEquals(f.values(), roundTrip(FeatureVector.class, f).values());
        StreamMeta meta = new StreamMeta("s", "EEG", "EEG", "src", List.of("C3", "C4"), List.of("uV", "uV"), 160);
        assertEquals(meta.channelLabels(), roundTrip(StreamMeta.class, meta).channelLabels());
    }
}
