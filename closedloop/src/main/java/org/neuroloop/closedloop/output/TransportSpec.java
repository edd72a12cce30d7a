package org.neuroloop.closedloop.output;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslConfigFile;

/**
 * A serializable description of a transport, opened where it runs (e.g. inside a Flink sink writer on a
 * TaskManager) rather than where the job is built.
 */
public sealed interface TransportSpec extends Serializable {

    /** Opens the transport. */
    StimulationTransport open() throws IOException;

    /**
     * LSL string-marker outlet carrying each command as JSON (the default output).
     *
     * @param lslConfig the {@code lsl_api.cfg} the outlet uses (it travels with the job), or null for the settings of
     *                  the process it opens in
     */
    record LslMarkers(String streamName, String sourceId, LslConfigFile lslConfig) implements TransportSpec {
        /** With the settings of the process it opens in. */
        public LslMarkers(String streamName, String sourceId) {
            this(streamName, sourceId, null);
        }

        /** The LSL settings of the outlet (see {@code lslConfig}). */
        public LslConfig lslSettings() {
            return lslConfig == null ? LslConfig.current() : lslConfig.config();
        }

        @Override
        public StimulationTransport open() {
            return new LslMarkerTransport(streamName, sourceId, lslSettings());
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
