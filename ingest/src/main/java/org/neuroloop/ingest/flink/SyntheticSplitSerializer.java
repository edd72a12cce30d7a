package org.neuroloop.ingest.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.InstantiationUtil;

/**
 * Checkpoint format of {@link SyntheticSplit}s and of the enumerator's pending list: Java serialization of the
 * records (configs are small immutable records; version 1).
 */
final class SyntheticSplitSerializer {

    private SyntheticSplitSerializer() {}

    static final SimpleVersionedSerializer<SyntheticSplit> SPLIT = new Java<>(SyntheticSplit.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    static final SimpleVersionedSerializer<ArrayList<SyntheticSplit>> PENDING =
            (SimpleVersionedSerializer) new Java<>(ArrayList.class);

    private static final class Java<T> implements SimpleVersionedSerializer<T> {
        private final Class<?> type;

        Java(Class<?> type) {
            this.type = type;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(T obj) throws IOException {
            return InstantiationUtil.serializeObject(obj);
        }

        @Override
        public T deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("synthetic source state version " + version + " is not supported (expected 1)");
            }
            try {
                Object o = InstantiationUtil.deserializeObject(
                        serialized, SyntheticSplitSerializer.class.getClassLoader());
                if (!type.isInstance(o)) {
                    throw new IOException("synthetic source state: expected " + type.getName() + ", got "
                            + o.getClass().getName());
                }
                @SuppressWarnings("unchecked")
                T t = (T) o;
                return t;
            } catch (ClassNotFoundException e) {
                throw new IOException("synthetic source state refers to a missing class", e);
            }
        }
    }

    static ArrayList<SyntheticSplit> copy(List<SyntheticSplit> splits) {
        return new ArrayList<>(splits);
    }
}
