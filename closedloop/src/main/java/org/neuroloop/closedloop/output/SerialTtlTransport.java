package org.neuroloop.closedloop.output;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neuroloop.dsp.record.StimulationCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TTL pulse through a serial trigger interface (the common USB-serial trigger boxes): writing a code byte sets
 * the output lines to that code, writing 0 after the pulse width clears them. Optionally the DTR modem line is
 * raised for the pulse too, for adapters wired as a bare TTL line. Opened with jSerialComm; a pseudo-terminal path
 * (e.g. from {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}) works the same as a real port.
 */
public final class SerialTtlTransport implements StimulationTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SerialTtlTransport.class);

    private final SerialPort port;
    private final byte code;
    private final long pulseMicros;
    private final boolean dtr;
    private final ScheduledExecutorService resetter;
    private final byte[] onByte;
    private final byte[] offByte = {0};

    /**
     * @param portPath device path, e.g. "/dev/ttyUSB0" or a pty "/dev/pts/5"
     * @param baud baud rate, e.g. 115200
     * @param code trigger code written at pulse onset (1..255)
     * @param pulseMillis pulse width before the lines are cleared
     * @param dtr also raise DTR for the pulse
     * @throws IOException naming the port if it cannot be opened
     */
    public SerialTtlTransport(String portPath, int baud, int code, double pulseMillis, boolean dtr) throws IOException {
        if (code < 1 || code > 255) {
            throw new IllegalArgumentException("serial output: trigger code must be 1..255, got " + code);
        }
        if (!(pulseMillis > 0) || pulseMillis > 1000) {
            throw new IllegalArgumentException(
                    "serial output: pulse width must be in (0, 1000] ms, got " + pulseMillis);
        }
        this.code = (byte) code;
        this.onByte = new byte[] {this.code};
        this.pulseMicros = Math.round(pulseMillis * 1000);
        this.dtr = dtr;
        this.port = SerialPort.getCommPort(portPath);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 100);
        if (!port.openPort()) {
            throw new IOException("serial output: cannot open port " + portPath + " (jSerialComm error "
                    + port.getLastErrorCode() + "); is the path right and readable by this user?");
        }
        this.resetter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "serial-ttl-reset-" + portPath);
            t.setDaemon(true);
            return t;
        });
        LOG.info("serial TTL output on {} at {} baud, code {}, pulse {} ms", portPath, baud, code, pulseMillis);
    }

    @Override
    public String name() {
        return "serial";
    }

    @Override
    public double deliver(StimulationCommand command) throws IOException {
        if (dtr) {
            port.setDTR();
        }
        int n = port.writeBytes(onByte, 1);
        double sent = LslClock.now();
        if (n != 1) {
            throw new IOException(
                    "serial output " + port.getSystemPortPath() + ": write of trigger code failed (" + n + ")");
        }
        resetter.schedule(this::clearLines, pulseMicros, TimeUnit.MICROSECONDS);
        return sent;
    }

    private void clearLines() {
        if (port.writeBytes(offByte, 1) != 1) {
            LOG.warn("serial output {}: could not clear the trigger lines", port.getSystemPortPath());
        }
        if (dtr) {
            port.clearDTR();
        }
    }

    @Override
    public void close() {
        resetter.shutdown();
        try {
            if (!resetter.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("serial output {}: pending line reset did not finish", port.getSystemPortPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.closePort();
    }
}
