package org.neuroloop.deploy.dashboard;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.deploy.job.JobOutputs;
import org.neuroloop.deploy.job.JobSources;
import org.neuroloop.deploy.job.NeuroLoopJob;
import org.neuroloop.dsp.record.Chunk;
import org.neuroloop.dsp.record.DetectedEvent;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.Prediction;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.ingest.flink.LslSource;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.ingest.flink.LslStreamQuery;
import org.neuroloop.ingest.flink.LslWatermarks;

/**
 * What a dashboard adds to a {@link NeuroLoopJob}: monitor sinks ({@link MonitorFeed}, {@link MonitorRecords})
 * sending to the dashboard's UDP port on loopback, and, on the LSL clock, the dashboard's control marker stream as
 * one more marker source of the policy's control input (labels {@code "stop@<session>"}, routed like any control
 * marker). Both are parts of the job itself, so they run wherever the job runs. The control source is unbounded:
 * a live job with a dashboard runs until it is cancelled.
 *
 * @param monitorPort the UDP port of the dashboard's {@link MonitorReceiver}
 * @param controlStream name of the dashboard's LSL control outlet, or null for no control (recording clock)
 */
public record DashboardWiring(int monitorPort, String controlStream) {

    /** The job of {@code config} with its configured sources and outputs plus the dashboard's. */
    public NeuroLoopJob job(ResolvedConfig config, JobSources sources, JobOutputs outputs) {
        ResolvedConfig c = controlStream == null ? config : config.withControlMarkers();
        return new NeuroLoopJob(c, sources(sources), outputs(outputs));
    }

    JobSources sources(JobSources base) {
        if (controlStream == null) {
            return base;
        }
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
            public DataStream<Marker> markers(StreamExecutionEnvironment env) {
                LslSourceSettings settings = LslSourceSettings.of(LslStreamQuery.name(controlStream))
                        .withSessionIds(Map.of(controlStream, "dashboard"));
                DataStream<Marker> control = env.fromSource(
                        LslSource.markers(settings), LslWatermarks.followNewestSample(), "dashboard control");
                DataStream<Marker> own = base.markers(env);
                return own == null ? control : own.union(control);
            }
        };
    }

    JobOutputs outputs(JobOutputs base) {
        return streams -> {
            base.attach(streams);
            streams.chunks()
                    .sinkTo(new MonitorFeed(monitorPort))
                    .uid("dashboard-chunks")
                    .name("dashboard traces");
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
