package org.neuroloop.deploy.dashboard;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.closedloop.policy.SideControlStream;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.JobOutputs;
import org.neuroloop.deploy.job.JobSources;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * What a dashboard adds to a {@link NeuroLoopJob}: monitor sinks ({@link MonitorFeed}, {@link MonitorRecords})
 * sending to the dashboard's UDP port on loopback, and, on the LSL clock, the dashboard's control marker stream
 * (labels {@code "stop@<session>"}) as the policy's {@link SideControlStream}: read by the policy operator itself, so
 * the decision path stays one chain of operators, as without a dashboard. Both are parts of the job itself, so they
 * run wherever the job runs.
 *
 * @param monitorPort the UDP port of the dashboard's {@link MonitorReceiver}
 * @param controlStream name of the dashboard's LSL control outlet, or null for no control (recording clock)
 */
public record DashboardWiring(int monitorPort, String controlStream) {

    /** The job of {@code config} with its configured sources and outputs plus the dashboard's. */
    public NeuroLoopJob job(ResolvedConfig config, JobSources sources, JobOutputs outputs) {
        return new NeuroLoopJob(config, sources(sources), outputs(outputs));
    }

    JobSources sources(JobSources base) {
        if (controlStream == null) {
            return base;
        }
        SideControlStream control = new SideControlStream(controlStream);
        return new JobSources() {
            @Override
            public DataStream<Chunk> chunks(StreamExecutionEnvironment env) {
                return base.chunks(env);
            }

            @Override
            public List<String> channelLabels(String sessionId) {
                return base.channelLabels(sessionId);
            }

            @Override
            public boolean partitionedBySession() {
                return base.partitionedBySession();
            }

            @Override
            public DataStream<Marker> markers(StreamExecutionEnvironment env) {
                return base.markers(env);
            }

            @Override
            public SideControlStream sideControl() {
                return control;
            }
        };
    }

    JobOutputs outputs(JobOutputs base) {
        return streams -> {
            base.attach(streams);
            MonitorFeed.attach(streams.chunks(), monitorPort);
            if (streams.events() != null) {
                streams.events()
                        .sinkTo(new MonitorRecords<>(monitorPort, "event", DetectedEvent::sessionId))
                        .uid("dashboard-events")
                        .name("dashboard events");
            }
            if (streams.predictions() != null) {
                streams.predictions()
                        .sinkTo(new MonitorRecords<>(monitorPort, "prediction", Prediction::sessionId))
                        .uid("dashboard-predictions")
                        .name("dashboard predictions");
            }
            if (streams.commands() != null) {
                streams.commands()
                        .sinkTo(new MonitorRecords<>(monitorPort, "command", StimulationCommand::sessionId))
                        .uid("dashboard-commands")
                        .name("dashboard commands");
            }
        };
    }
}
