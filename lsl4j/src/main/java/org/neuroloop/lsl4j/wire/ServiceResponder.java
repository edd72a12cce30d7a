package org.neuroloop.lsl4j.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import org.neuroloop.lsl4j.Lsl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outlet's UDP service port (docs/lsl-protocol.md §2 and §5), answering two datagrams:
 * <ul>
 *   <li>{@code LSL:shortinfo\r\n<query>\r\n<port> <id>\r\n}: when the XPath predicate matches this stream, replies
 *       {@code <id>\r\n<shortinfo xml>} to (sender address, {@code port}); otherwise stays silent, like liblsl;</li>
 *   <li>{@code LSL:timedata\r\n<wave_id> <t0>\r\n}: replies {@code " <wave_id> <t0> <t1> <t2>"} to the sender, t1 the
 *       receive and t2 the send time on the LSL clock ({@link Lsl#localClock()}); the inlet derives its clock offset
 *       {@code ((t1-t0)+(t2-t3))/2} and round-trip time from it.</li>
 * </ul>
 * Malformed datagrams are ignored (debug log). Runs on its own thread until the channel is closed.
 */
final class ServiceResponder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceResponder.class);
    private static final String SHORTINFO = "LSL:shortinfo";
    private static final String TIMEDATA = "LSL:timedata";

    private final DatagramChannel channel;
    private final InfoQueryMatcher matcher;
    private final byte[] shortInfo;
    private final String streamName;

    /**
     * @param channel a bound, blocking datagram channel (closed by the owner to stop {@link #run()})
     * @param matcher decides which queries this stream answers
     * @param shortInfo the short info XML, UTF-8
     */
    ServiceResponder(DatagramChannel channel, InfoQueryMatcher matcher, byte[] shortInfo, String streamName) {
        this.channel = channel;
        this.matcher = matcher;
        this.shortInfo = shortInfo;
        this.streamName = streamName;
    }

    @Override
    public void run() {
        ByteBuffer in = ByteBuffer.allocate(65536);
        ByteBuffer out = ByteBuffer.allocate(65536 + shortInfo.length);
        while (channel.isOpen()) {
            try {
                in.clear();
                SocketAddress from = channel.receive(in);
                double received = Lsl.localClock();
                if (from instanceof InetSocketAddress sender) {
                    String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                    respond(text, sender, received, out);
                }
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException | RuntimeException e) {
                if (!channel.isOpen()) {
                    break;
                }
                LOG.debug("LSL outlet '{}': service port error: {}", streamName, e.toString());
            }
        }
    }

    private void respond(String text, InetSocketAddress sender, double received, ByteBuffer out) throws IOException {
        String[] lines = text.split("\r?\n");
        if (lines.length >= 3 && lines[0].strip().equals(SHORTINFO)) {
            String query = lines[1].strip();
            String[] portAndId = lines[2].strip().split(" +");
            int port = parsePort(portAndId[0]);
            if (portAndId.length < 2 || port < 0) {
                LOG.debug("LSL outlet '{}': malformed shortinfo query from {}: {}", streamName, sender, text);
                return;
            }
            if (matcher.matches(query)) {
                out.clear();
                out.put((portAndId[1] + "\r\n").getBytes(StandardCharsets.UTF_8))
                        .put(shortInfo)
                        .flip();
                channel.send(out, new InetSocketAddress(sender.getAddress(), port));
            }
        } else if (lines.length >= 2 && lines[0].strip().equals(TIMEDATA)) {
            String[] waveAndT0 = lines[1].strip().split(" +");
            if (waveAndT0.length < 2 || !isNumber(waveAndT0[1])) {
                LOG.debug("LSL outlet '{}': malformed timedata request from {}: {}", streamName, sender, text);
                return;
            }
            // t2 is stamped last and written straight into the packet: time spent after it would count as network
            // delay and bias the peer's offset estimate by half of it
            String head = " " + waveAndT0[0] + " " + waveAndT0[1] + " " + NumberText.nanos(received) + " ";
            out.clear();
            out.put(head.getBytes(StandardCharsets.US_ASCII));
            NumberText.putNanos(out, Lsl.localClock());
            out.flip();
            channel.send(out, sender);
        } else {
            LOG.debug(
                    "LSL outlet '{}': ignoring unknown datagram from {}: {}",
                    streamName,
                    sender,
                    text.length() > 80 ? text.substring(0, 80) + "…" : text);
        }
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            return p > 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
