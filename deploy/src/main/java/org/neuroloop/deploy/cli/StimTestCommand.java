package org.neuroloop.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.closedloop.output.LslClock;
import org.neuroloop.closedloop.output.LslMarkerTransport;
import org.neuroloop.closedloop.output.OscUdpTransport;
import org.neuroloop.closedloop.output.StimulationOutput;
import org.neuroloop.closedloop.output.StimulationTransport;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code neuroloop stim test}: sends one test stimulus through one output and prints its acknowledgement. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "Send one test stimulus through an output and print when it was sent.")
public final class StimTestCommand implements Callable<Integer> {

    enum Output {
        lsl,
        udp,
        serial,
        audio
    }

    @Option(
            names = "--output",
            defaultValue = "lsl",
            description = "lsl, udp, serial or audio. Default: ${DEFAULT-VALUE}.")
    Output output;

    @Option(
            names = "--session",
            defaultValue = "cli",
            description = "Session id of the command. Default: ${DEFAULT-VALUE}.")
    String session;

    @Option(names = "--action", defaultValue = "pulse", description = "Action label. Default: ${DEFAULT-VALUE}.")
    String action;

    @Option(names = "--sham", description = "Send a sham command (acknowledged, not delivered).")
    boolean sham;

    @Option(names = "--log", description = "Append the command and its acknowledgement to this JSONL file.")
    Path log;

    @Option(names = "--json", description = "Print the acknowledgement as JSON.")
    boolean json;

    @Option(
            names = "--lsl-name",
            defaultValue = LslMarkerTransport.DEFAULT_NAME,
            description = "LSL marker stream name. Default: ${DEFAULT-VALUE}.")
    String lslName;

    @Option(
            names = "--lsl-wait",
            defaultValue = "5",
            description =
                    "Seconds to wait for an LSL consumer (e.g. LabRecorder) before sending. Default: ${DEFAULT-VALUE}.")
    double lslWait;

    @Option(
            names = "--host",
            defaultValue = OscUdpTransport.DEFAULT_HOST,
            description = "UDP host. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "9000", description = "UDP port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--osc-address",
            defaultValue = OscUdpTransport.DEFAULT_ADDRESS,
            description = "OSC address. Default: ${DEFAULT-VALUE}.")
    String oscAddress;

    @Option(names = "--serial-port", description = "Serial device, e.g. /dev/ttyUSB0 (required for --output serial).")
    String serialPort;

    @Option(names = "--baud", defaultValue = "115200", description = "Serial baud rate. Default: ${DEFAULT-VALUE}.")
    int baud;

    @Option(names = "--code", defaultValue = "1", description = "Trigger code byte 1..255. Default: ${DEFAULT-VALUE}.")
    int code;

    @Option(names = "--pulse-ms", defaultValue = "10", description = "TTL pulse width, ms. Default: ${DEFAULT-VALUE}.")
    double pulseMs;

    @Option(names = "--dtr", description = "Also raise DTR for the pulse.")
    boolean dtr;

    @Option(
            names = "--length-ms",
            defaultValue = "50",
            description = "Pink-noise burst length, ms. Default: ${DEFAULT-VALUE}.")
    double lengthMs;

    @Option(
            names = "--level-dbfs",
            defaultValue = "-20",
            description = "Burst RMS level, dBFS. Default: ${DEFAULT-VALUE}.")
    double levelDbfs;

    @Option(names = "--ramp-ms", defaultValue = "5", description = "Burst on/off ramp, ms. Default: ${DEFAULT-VALUE}.")
    double rampMs;

    @Option(
            names = "--wav",
            description = "Write the burst to <folder>/<id>.wav instead of the sound device (headless machines).")
    Path wav;

    @Override
    public Integer call() throws Exception {
        TransportSpec spec = switch (output) {
            case lsl -> new TransportSpec.LslMarkers(lslName, lslName);
            case udp -> new TransportSpec.OscUdp(host, port, oscAddress);
            case serial -> {
                if (serialPort == null) {
                    System.err.println("stim test: --output serial needs --serial-port (e.g. /dev/ttyUSB0)");
                    yield null;
                }
                yield new TransportSpec.SerialTtl(serialPort, baud, code, pulseMs, dtr);
            }
            case audio ->
                new TransportSpec.PinkNoise(
                        lengthMs / 1000, levelDbfs, rampMs / 1000, wav == null ? null : wav.toString());
        };
        if (spec == null) {
            return 2;
        }
        StimulationTransport transport = spec.open();
        if (transport instanceof LslMarkerTransport lsl && lslWait > 0 && !lsl.waitForConsumers(lslWait)) {
            System.err.println(
                    "stim test: no consumer of LSL stream '" + lslName + "' after " + lslWait + " s; sending anyway");
        }
        try (StimulationOutput out =
                new StimulationOutput(transport, log == null ? null : new JsonlStimulationLog(log))) {
            double now = LslClock.now();
            String id = session + "#test-" + System.currentTimeMillis();
            StimulationAck ack =
                    out.deliver(new StimulationCommand(id, session, action, "cli:stim-test", 1.0, 1.0, now, now, sham));
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(ack));
            } else {
                System.out.printf(
                        "%s %s via %s at %.6f s (LSL clock), %.3f ms after the command was made%s%n",
                        ack.ok() ? "sent" : "NOT sent",
                        id,
                        ack.output(),
                        ack.sentTime(),
                        ack.latencySeconds() * 1e3,
                        ack.ok() ? "" : ": " + ack.detail());
            }
            return ack.ok() ? 0 : 1;
        }
    }
}
