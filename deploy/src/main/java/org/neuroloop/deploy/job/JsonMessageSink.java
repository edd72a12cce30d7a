package org.neuroloop.deploy.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.neuroloop.closedloop.output.LslClock;
import org.neuroloop.closedloop.output.OscMessage;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.wire.WireOutlet;

/**
 * Sends each record (an event, a prediction or a feature vector) as JSON text: on an LSL output, as a string marker
 * on an outlet of its own ({@code <name>-<stream>}, type {@code NeuroLoop-<stream>}); on a UDP output, as an OSC
 * message to {@code <address>/<stream>} with the JSON as its one argument.
 */
final class JsonMessageSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final TransportSpec transport;
    private final String stream;

    JsonMessageSink(TransportSpec transport, String stream) {
        this.transport = transport;
        this.stream = stream;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (transport instanceof TransportSpec.LslMarkers lsl) {
            LslOutlet outlet;
            try (StreamInfo info = StreamInfo.create(
                    lsl.streamName() + "-" + stream,
                    "NeuroLoop-" + stream,
                    1,
                    Lsl.IRREGULAR_RATE,
                    ChannelFormat.STRING,
                    lsl.sourceId() + "-" + stream)) {
                outlet = new WireOutlet(info, 360, lsl.lslSettings());
            }
            return writer(json, text -> outlet.pushMarker(text, LslClock.now()), outlet::close);
        }
        if (transport instanceof TransportSpec.OscUdp udp) {
            DatagramSocket socket = new DatagramSocket();
            InetSocketAddress target = new InetSocketAddress(udp.host(), udp.port());
            String address = udp.oscAddress() + "/" + stream;
            return writer(
                    json,
                    text -> {
                        byte[] packet = new OscMessage(address, text).encode();
                        socket.send(new DatagramPacket(packet, packet.length, target));
                    },
                    socket::close);
        }
        throw new IllegalArgumentException(stream + " can go to jsonl, lsl or udp outputs, not " + transport);
    }

    private interface Send {
        void send(String text) throws IOException;
    }

    private SinkWriter<T> writer(ObjectMapper json, Send send, Runnable close) {
        return new SinkWriter<>() {
            @Override
            public void write(T record, Context ctx) throws IOException {
                send.send(json.writeValueAsString(record));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
