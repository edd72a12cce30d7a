package org.neuroloop.closedloop.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;

/** The TTL pulse through a real pseudo-terminal pair made by socat (Debian package {@code socat}). */
class SerialTtlTransportTest {
    @TempDir
    Path dir;

    private Process socat;
    private Path device;
    private Path host;

    @BeforeEach
    void startPtyPair() throws Exception {
        device = dir.resolve("device");
        host = dir.resolve("host");
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + host)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("socat.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("socat is needed for the serial test: apt-get install -y socat", e);
        }
        for (int i = 0; i < 500 && !(Files.exists(device) && Files.exists(host)); i++) {
            Thread.sleep(10);
        }
        assertTrue(
                Files.exists(device) && Files.exists(host),
                "socat did not create the pty pair: " + Files.readString(dir.resolve("socat.log")));
    }

    @AfterEach
    void stopPtyPair() throws Exception {
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void pulseSetsTheCodeThenClearsIt() throws Exception {
        SerialPort reader = SerialPort.getCommPort(host.toRealPath().toString());
        reader.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, 5000, 0);
        assertTrue(reader.openPort(), "open reader end " + host.toRealPath());
        try (StimulationOutput out = new StimulationOutput(
                new SerialTtlTransport(device.toRealPath().toString(), 115200, 0x2A, 5.0, false))) {
            double cause = LslClock.now();
            StimulationAck ack =
                    out.deliver(new StimulationCommand("S#0", "S", "pulse", "threshold", 1, 1, cause, cause, false));
            assertTrue(ack.ok() && "serial".equals(ack.output()), ack.toString());
            byte[] got = new byte[2];
            int n = 0;
            while (n < 2) {
                int r = reader.readBytes(got, 2 - n, n);
                assertTrue(r > 0, "no bytes from the pty within 5 s");
                n += r;
            }
            assertArrayEquals(new byte[] {0x2A, 0}, got, "trigger code, then lines cleared after the pulse");
        } finally {
            reader.closePort();
        }
    }
}
