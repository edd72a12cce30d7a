package org.neuroloop.closedloop.output.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The checkpointed state of a {@link StimulationSink} writer: the command ids it had delivered at the checkpoint.
 *
 * @param ids delivered command ids
 */
public record DeliveredIds(List<String> ids) {
    public DeliveredIds {
        ids = List.copyOf(ids);
    }

    /** Version 1: the count, then each id in modified UTF-8. */
    static final class Serializer implements SimpleVersionedSerializer<DeliveredIds> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(DeliveredIds state) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(state.ids().size());
                for (String id : state.ids()) {
                    out.writeUTF(id);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public DeliveredIds deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("delivered-ids state: unknown version " + version + " (this build reads 1)");
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int n = in.readInt();
                List<String> ids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ids.add(in.readUTF());
                }
                return new DeliveredIds(ids);
            }
        }
    }
}
