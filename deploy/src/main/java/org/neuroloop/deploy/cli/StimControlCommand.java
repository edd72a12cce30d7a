package org.neuroloop.deploy.cli;

import java.util.concurrent.Callable;
import org.neuroloop.closedloop.policy.ControlAction;
import org.neuroloop.closedloop.policy.ControlMarkers;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neuroloop stim control arm|disarm|stop|reset}: publishes one control marker on an LSL marker stream that a
 * running job reads as its control input ({@code "<action>"} or {@code "<action>@<session>"}).
 */
@Command(
        name = "control",
        mixinStandardHelpOptions = true,
        description =
                "Arm, disarm, emergency-stop or reset stimulation of a running job through its LSL control stream.")
public final class StimControlCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "arm, disarm, stop or reset")
    String action;

    @Option(
            names = "--session",
            description = "Session to command (default: the session the control stream is mapped to).")
    String session;

    @Option(
            names = "--stream",
            defaultValue = "NeuroLoop-Control",
            description = "LSL control stream name. Default: ${DEFAULT-VALUE}.")
    String stream;

    @Option(
            names = "--wait",
            defaultValue = "10",
            description = "Seconds to wait for the job to connect. Default: ${DEFAULT-VALUE}.")
    double wait;

    @Override
    public Integer call() throws Exception {
        ControlAction a = ControlAction.parse(action).orElse(null);
        if (a == null) {
            System.err.println("stim control: unknown action '" + action + "'; expected arm, disarm, stop or reset");
            return 2;
        }
        String label = ControlMarkers.label(a, session);
        try (StreamInfo info =
                        StreamInfo.create(stream, "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, stream);
                StreamOutlet outlet = new StreamOutlet(info)) {
            if (!outlet.waitForConsumers(wait)) {
                System.err.println("stim control: no job is reading LSL stream '" + stream + "' after " + wait
                        + " s; nothing sent");
                return 1;
            }
            double t = Lsl.localClock();
            outlet.pushMarker(label, t);
            Thread.sleep(500); // let the marker reach slow consumers before the outlet closes
            System.out.printf("sent '%s' on %s at %.6f s (LSL clock)%n", label, stream, t);
            return 0;
        }
    }
}
