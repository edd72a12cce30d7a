package org.neuroloop.ingest.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned binary form of {@link LslEnumeratorState}. Version 1. */
public final class LslEnumeratorStateSerializer implements SimpleVersionedSerializer<LslEnumeratorState> {
    public static final LslEnumeratorStateSerializer INSTANCE = new LslEnumeratorStateSerializer();
    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(LslEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.assignedSplitIds().size());
        for (String id : state.assignedSplitIds()) {
            out.writeUTF(id);
        }
        out.writeInt(state.pending().size());
        for (LslStreamSplit s : state.pending()) {
            LslSplitSerializer.write(s, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public LslEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "LSL enumerator state: unknown serializer version " + version + ", expected " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int n = in.readInt();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(in.readUTF());
        }
        int m = in.readInt();
        List<LslStreamSplit> pending = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            pending.add(LslSplitSerializer.read(in));
        }
        return new LslEnumeratorState(ids, pending);
    }
}
