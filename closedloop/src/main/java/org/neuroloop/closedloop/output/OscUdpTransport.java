package org.neuroloop.closedloop.output;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Sends each command as one UDP datagram holding an OSC 1.0 message to a fixed host:port (loopback by default):
 * address {@value #DEFAULT_ADDRESS}, arguments {@code ,ssssffdd}: id, session, action, cause, value, threshold,
 * cause timestamp, scheduled time (seconds, LSL clock, as float64 so no precision is lost).
 */
public final class OscUdpTransport implements StimulationTransport {
    public static final String DEFAULT_ADDRESS = "/neuroloop/stim";
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final String address;

    public OscUdpTransport(String host, int port, String oscAddress) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("UDP output: port must be 1..65535, got " + port);
        }
        this.target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("UDP output: cannot resolve host '" + host + "'");
        }
        this.address = oscAddress;
        this.socket = new DatagramSocket();
        new OscMessage(oscAddress); // validates the address
    }

    public OscUdpTransport(int port) throws IOException {
        this(DEFAULT_HOST, port, DEFAULT_ADDRESS);
    }

    /** The OSC message a command becomes. */
    public static OscMessage message(String oscAddress, StimulationCommand c) {
        return new OscMessage(
                oscAddress,
                c.id(),
                c.sessionId(),
                c.action(),
                c.cause(),
                (float) c.value(),
                (float) c.threshold(),
                c.causeTimestamp(),
                c.scheduledTime());
    }

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public double deliver(StimulationCommand command) throws IOException {
        byte[] packet = message(address, command).encode();
        socket.send(new DatagramPacket(packet, packet.length, target));
        return LslClock.now();
    }

    @Override
    public void close() {
        socket.close();
    }
}
