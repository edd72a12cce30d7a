package org.neuroloop.ingest.flink;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Versioned binary form of {@link LslStreamSplit} for checkpoints and split assignment. Version 1. */
public final class LslSplitSerializer implements SimpleVersionedSerializer<LslStreamSplit> {
    public static final LslSplitSerializer INSTANCE = new LslSplitSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(LslStreamSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public LslStreamSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("LSL split: unknown serializer version " + version + ", expected " + VERSION);
        }
        return read(new DataInputDeserializer(serialized));
    }

    static void write(LslStreamSplit s, DataOutputView out) throws IOException {
        out.writeUTF(s.splitId());
        out.writeUTF(s.name());
        out.writeUTF(s.type());
        out.writeUTF(s.sourceId());
        out.writeUTF(s.uid());
        out.writeInt(s.channelCount());
        out.writeUTF(s.channelFormat());
        out.writeDouble(s.nominalRate());
        out.writeUTF(s.sessionId());
        out.writeLong(s.nextSeq());
        out.writeBoolean(s.resumed());
    }

    static LslStreamSplit read(DataInputView in) throws IOException {
        return new LslStreamSplit(
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readInt(),
                in.readUTF(),
                in.readDouble(),
                in.readUTF(),
                in.readLong(),
                in.readBoolean());
    }
}
