package org.neuroloop.ingest.flink;

import java.io.IOException;
import java.util.ArrayList;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Checkpoint format of {@link RecordingSplit}s (version 1) and of the enumerator's pending splits. */
final class RecordingSplitSerializer {
    static final SimpleVersionedSerializer<RecordingSplit> SPLIT = new SimpleVersionedSerializer<>() {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(RecordingSplit s) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(128);
            write(s, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public RecordingSplit deserialize(int version, byte[] bytes) throws IOException {
            check(version);
            return read(new DataInputDeserializer(bytes));
        }
    };

    static final SimpleVersionedSerializer<ArrayList<RecordingSplit>> PENDING = new SimpleVersionedSerializer<>() {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ArrayList<RecordingSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeInt(splits.size());
            for (RecordingSplit s : splits) {
                write(s, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public ArrayList<RecordingSplit> deserialize(int version, byte[] bytes) throws IOException {
            check(version);
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            ArrayList<RecordingSplit> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(read(in));
            }
            return out;
        }
    };

    private RecordingSplitSerializer() {}

    private static void check(int version) throws IOException {
        if (version != 1) {
            throw new IOException("recording split checkpoint version " + version + ", this build reads version 1");
        }
    }

    private static void write(RecordingSplit s, DataOutputView out) throws IOException {
        out.writeInt(s.ordinal());
        out.writeUTF(s.path());
        out.writeUTF(s.sessionId());
        out.writeInt(s.positions().length);
        for (long p : s.positions()) {
            out.writeLong(p);
        }
    }

    private static RecordingSplit read(DataInputView in) throws IOException {
        int ordinal = in.readInt();
        String path = in.readUTF();
        String session = in.readUTF();
        int n = in.readInt();
        long[] pos = new long[n];
        for (int i = 0; i < n; i++) {
            pos[i] = in.readLong();
        }
        return new RecordingSplit(ordinal, path, session, pos);
    }
}
