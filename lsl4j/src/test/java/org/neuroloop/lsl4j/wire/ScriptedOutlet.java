package org.neuroloop.lsl4j.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.neuroloop.lsl4j.ChannelFormat;

/**
 * A one-connection fake outlet for {@link WireInlet} tests: a {@link ServerSocket} on 127.0.0.1 that reads the feed
 * request and answers byte for byte what its {@link Script} writes (a correct feed, a wrong test pattern, a bad header,
 * samples split across writes, a closed connection); close() stops it.
 */
final class ScriptedOutlet implements AutoCloseable {
    static final String UID = "0d6f3bd2-5a1e-4b7e-9a43-2f0c7d1b7e11";
    static final String OK_HEADER = "LSL/110 200 OK\r\nUID: " + UID
            + "\r\nByte-Order: 1234\r\nSuppress-Subnormals: 0\r\nData-Protocol-Version: 110\r\n\r\n";

    /** What a scripted outlet does once it has read the request. */
    interface Script {
        void run(String request, OutputStream out) throws Exception;
    }

    final ServerSocket server;
    final CompletableFuture<String> request = new CompletableFuture<>();
    private final Thread thread;
    private volatile Socket socket;

    ScriptedOutlet(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(
                () -> {
                    try (Socket s = server.accept()) {
                        socket = s;
                        String req = readRequest(s.getInputStream());
                        request.complete(req);
                        script.run(req, s.getOutputStream());
                    } catch (Exception e) {
                        request.completeExceptionally(e);
                    }
                },
                "scripted-outlet");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        thread.interrupt();
        thread.join(5000);
    }

    /** Answers OK, sends the test patterns and {@code data}, then keeps the connection open. */
    static ScriptedOutlet feeding(SampleCodec codec, byte[] data) throws IOException {
        return new ScriptedOutlet((req, out) -> {
            feed(out, codec, data);
            Thread.sleep(30_000);
        });
    }

    /** Like {@link #feeding} but closes the connection after the data. */
    static ScriptedOutlet feedingThenClosing(SampleCodec codec, byte[] data) throws IOException {
        return new ScriptedOutlet((req, out) -> {
            feed(out, codec, data);
            out.close();
        });
    }

    private static void feed(OutputStream out, SampleCodec codec, byte[] data) throws IOException {
        out.write(OK_HEADER.getBytes(StandardCharsets.US_ASCII));
        out.write(patterns(codec));
        out.write(data);
        out.flush();
    }

    /** The info XML a resolver would return for a stream served at 127.0.0.1:port. */
    static String infoXml(String name, ChannelFormat format, int channels, double rate, String address, int port) {
        return "<?xml version=\"1.0\"?>\n<info>\n\t<name>" + name + "</name>\n\t<type>EEG</type>\n\t<channel_count>"
                + channels + "</channel_count>\n\t<nominal_srate>" + rate + "</nominal_srate>\n\t<channel_format>"
                + format.xmlName() + "</channel_format>\n\t<source_id>src-" + name + "</source_id>\n"
                + "\t<version>1.1000000000000001</version>\n"
                + "\t<created_at>12.5</created_at>\n\t<uid>" + UID + "</uid>\n\t<session_id>default</session_id>\n"
                + "\t<hostname>vm</hostname>\n\t<v4address>" + address + "</v4address>\n\t<v4data_port>" + port
                + "</v4data_port>\n\t<v4service_port>" + port + "</v4service_port>\n\t<v6address></v6address>\n"
                + "\t<v6data_port>0</v6data_port>\n\t<v6service_port>0</v6service_port>\n\t<desc />\n</info>\n";
    }

    static WireInlet inlet(ChannelFormat format, int channels, double rate, int port) {
        return new WireInlet(StreamEndpoint.fromXml(infoXml("fake", format, channels, rate, "", port)), 360);
    }

    static byte[] patterns(SampleCodec codec) {
        ByteBuffer b = SampleCodec.buffer(4096);
        codec.encodeTestPattern(b, 4);
        codec.encodeTestPattern(b, 2);
        return Arrays.copyOf(b.array(), b.position());
    }

    static byte[] samples(SampleCodec codec, float[][] rows, double[] ts, boolean[] transmit) {
        ByteBuffer b = SampleCodec.buffer(1 << 16);
        for (int i = 0; i < rows.length; i++) {
            codec.encode(b, rows[i], 0, ts[i], transmit[i]);
        }
        return Arrays.copyOf(b.array(), b.position());
    }
}
