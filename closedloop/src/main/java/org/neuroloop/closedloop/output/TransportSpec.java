package org.neuroloop.closedloop.output;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A serializable description of a transport, opened where it runs (e.g. inside a Flink sink writer on a
 * TaskManager) rather than where the job is built.
 */
public sealed interface TransportSpec extends Serializable {

    /** Opens the transport. */
    StimulationTransport open() throws IOException;

    /** LSL string-marker outlet carrying each command as JSON (the default output). */
    record LslMarkers(String streamName, String sourceId) implements TransportSpec {
        @Override
        public StimulationTransport open() {
            return new LslMarkerTransport(streamName, sourceId);
        }
    }

    /** OSC 1.0 over UDP to host:port. */
    record OscUdp(String host, int port, String oscAddress) implements TransportSpec {
        @Override
        public StimulationTransport open() throws IOException {
            return new OscUdpTransport(host, port, oscAddress);
        }
    }

    /** TTL pulse through a serial trigger interface. */
    record SerialTtl(String portPath, int baud, int code, double pulseMillis, boolean dtr) implements TransportSpec {
        @Override
        public StimulationTransport open() throws IOException {
            return new SerialTtlTransport(portPath, baud, code, pulseMillis, dtr);
        }
    }

    /**
     * Pink-noise burst to the sound device, or to WAV files in {@code wavFolder} when it is non-null.
     */
    record PinkNoise(double seconds, double levelDbfs, double rampSeconds, String wavFolder) implements TransportSpec {
        @Override
        public StimulationTransport open() throws IOException {
            PinkNoiseBurst burst = new PinkNoiseBurst(seconds, levelDbfs, rampSeconds, 1L);
            AudioTarget target = wavFolder == null
                    ? new SoundDeviceTarget(PinkNoiseAudioTransport.FORMAT, Math.max(burst.pcm16le().length * 2, 8192))
                    : new WavFileTarget(Path.of(wavFolder));
            return new PinkNoiseAudioTransport(burst, target);
        }
    }
}
