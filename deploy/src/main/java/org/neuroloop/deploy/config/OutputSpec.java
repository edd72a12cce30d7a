package org.neuroloop.deploy.config;

import java.util.List;

/**
 * One output: exactly one of the transports, and which of the job's streams it receives ({@code streams}: any of
 * "commands", "events", "predictions", "features"; default: commands). Serial and audio take commands only.
 */
public record OutputSpec(
        LslOutput lsl, UdpOutput udp, SerialOutput serial, AudioOutput audio, JsonlOutput jsonl, List<String> streams) {

    /** An output of stimulation commands. */
    public OutputSpec(LslOutput lsl, UdpOutput udp, SerialOutput serial, AudioOutput audio, JsonlOutput jsonl) {
        this(lsl, udp, serial, audio, jsonl, null);
    }

    /**
     * String markers (the command as JSON) on an lsl4j outlet named {@code name}. {@code implementation} is read only
     * to reject it with a clear message: it once chose liblsl, which NeuroLoop no longer loads.
     */
    public record LslOutput(String name, String sourceId, String implementation) {}

    /** OSC 1.0 datagrams to host:port (loopback by default). */
    public record UdpOutput(String host, Integer port, String address) {}

    /** A TTL pulse on a serial port. */
    public record SerialOutput(String port, Integer baud, Double pulseMillis) {}

    /** A pink-noise burst to the sound card or, with {@code wavFolder}, to one WAV file per stimulus there. */
    public record AudioOutput(Double seconds, Double levelDbfs, String wavFolder) {}

    /** Every command and acknowledgement appended to a JSON-lines file. */
    public record JsonlOutput(String path) {}

    /** "lsl", "udp", "serial", "audio" or "jsonl"; null when none or several are given. */
    public String kind() {
        int n = (lsl != null ? 1 : 0)
                + (udp != null ? 1 : 0)
                + (serial != null ? 1 : 0)
                + (audio != null ? 1 : 0)
                + (jsonl != null ? 1 : 0);
        if (n != 1) {
            return null;
        }
        return lsl != null
                ? "lsl"
                : udp != null ? "udp" : serial != null ? "serial" : audio != null ? "audio" : "jsonl";
    }
}
