package org.neuroloop.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.JobEvents;
import org.neuroloop.deploy.report.StimulationReport;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * The {@link StimulationReport} of a replay: per session a row of detected events and a row of stimulation
 * commands on the recording's clock, and the histogram of decision delays (causing sample − event onset): in a
 * replay the recording's clock decides, so the delay the detector needs is the latency a replay can measure.
 */
final class ReplayReport {
    private ReplayReport() {}

    static StimulationReport of(String pipeline, ResolvedConfig config, JobEvents events) {
        StimulationReport r = new StimulationReport(
                        "Replay: " + pipeline,
                        config.sessions().size() + " session(s), "
                                + events.samples() + " samples, "
                                + events.events().size() + " detections, "
                                + events.commands().size()
                                + " stimulation commands, "
                                + events.predictions().size() + " predictions.")
                .timeAxis("recording time (s)");
        List<Double> delays = new ArrayList<>();
        for (ResolvedConfig.Session s : config.sessions()) {
            List<DetectedEvent> ev = events.events().stream()
                    .filter(e -> e.sessionId().equals(s.id()))
                    .toList();
            List<StimulationCommand> cmd = events.commands().stream()
                    .filter(c -> c.sessionId().equals(s.id()))
                    .toList();
            r.row(
                    s.id() + " detections",
                    ev.stream().mapToDouble(DetectedEvent::firedAt).toArray(),
                    false);
            r.row(
                    s.id() + " stimulations",
                    cmd.stream().mapToDouble(StimulationCommand::causeTimestamp).toArray(),
                    true);
            for (DetectedEvent e : ev) {
                if (Double.isFinite(e.onset())) {
                    delays.add((e.firedAt() - e.onset()) * 1000);
                }
            }
        }
        return r.latencies(
                delays.stream().mapToDouble(Double::doubleValue).toArray(),
                "Decision delay on the recording's clock: the causing sample minus the event's estimated onset");
    }
}
