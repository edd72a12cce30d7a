package org.neuroloop.lsl4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.neuroloop.lsl4j.wire.StreamEndpoint;

/**
 * {@code LSL:fullinfo} (PROTOCOL.md §3): one TCP connection to the outlet's data port; the outlet writes its full
 * info XML (with {@code <desc>}) and closes the connection.
 */
final class FullInfoRequest {
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private FullInfoRequest() {}

    static StreamInfo fetch(StreamEndpoint stream, double timeoutSeconds) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutSeconds * 1000));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(stream.address(), stream.dataPort()), millis);
            s.setSoTimeout(millis);
            s.getOutputStream().write("LSL:fullinfo\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                xml.write(buf, 0, r);
                if (xml.size() > MAX_BYTES) {
                    throw new LslException(
                            "LSL stream " + stream.describe() + ": full info larger than " + MAX_BYTES + " bytes");
                }
            }
            StreamInfo info = StreamInfo.fromXml(xml.toString(StandardCharsets.UTF_8));
            if (info.v4address().isEmpty()) {
                info.setField("v4address", stream.address().getHostAddress());
            }
            return info;
        } catch (SocketTimeoutException e) {
            throw new LslTimeoutException(
                    "LSL stream " + stream.describe() + ": no full info within " + timeoutSeconds + " s");
        } catch (IOException e) {
            throw new LslLostException("LSL stream " + stream.describe() + ": full info request failed: " + e);
        }
    }
}
