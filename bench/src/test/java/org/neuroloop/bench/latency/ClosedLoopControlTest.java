package org.neuroloop.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.neuroloop.closedloop.output.OscMessage;
import org.neuroloop.closedloop.output.OscUdpTransport;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.closedloop.output.flink.StimulationSink;
import org.neuroloop.closedloop.policy.ControlAction;
import org.neuroloop.closedloop.policy.ControlMarkers;
import org.neuroloop.closedloop.policy.StimulationPolicy;
import org.neuroloop.closedloop.trigger.AmplitudeThresholdTrigger;
import org.neuroloop.ingest.flink.LslSource;
import org.neuroloop.ingest.flink.LslSourceSettings;
import org.neuroloop.ingest.flink.LslStreamQuery;
import org.neuroloop.ingest.flink.LslWatermarks;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;
import org.neuroloop.lsl4j.time.TimestampSettings;

/**
 * The control path live: an LSL control marker stream stops and re-arms stimulation of a running job fed by a real
 * LSL EEG stream; the job's commands go out as OSC datagrams to a socket.
 */
class ClosedLoopControlTest {

    @Test
    void stopHoldsUntilResetAndArmThenBurstsStimulateAgain() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String eeg = "nl-ctl-eeg-" + tag;
        String ctl = "nl-ctl-control-" + tag;
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.setBufferTimeout(0);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             StreamInfo eegInfo = StreamInfo.create(eeg, "EEG", 2, 250, ChannelFormat.FLOAT32, eeg);
             StreamOutlet eegOut = new StreamOutlet(eegInfo);
             StreamInfo ctlInfo = StreamInfo.create(ctl, "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, ctl);
             StreamOutlet ctlOut = new StreamOutlet(ctlInfo)) {
            // The test streams in bursts with pauses: timestamps exactly as pushed (a dejitter would spread them over
            // the pauses and make decisions look older than maxDecisionAgeSeconds, which the policy rightly refuses).
            var chunks = env.fromSource(LslSource.chunks(LslSourceSettings.of(LslStreamQuery.name(eeg))
                    .withSessionIds(Map.of(eeg, "S")).withTimestamps(TimestampSettings.none())),
                    LslWatermarks.followNewestSample(), "eeg");
            var control = env.fromSource(LslSource.markers(LslSourceSettings.of(LslStreamQuery.name(ctl))
                    .withSessionIds(Map.of(ctl, "control"))), LslWatermarks.followNewestSample(), "control");
            new ClosedLoopJob(ClosedLoopJob.threshold(new AmplitudeThresholdTrigger(0, 100, 50)),
                    new StimulationPolicy(ClosedLoopLatencyBenchmark.policyConfig()))
                    .attachWithControl(chunks, control, new StimulationSink(
                            new TransportSpec.OscUdp("127.0.0.1", socket.getLocalPort(), OscUdpTransport.DEFAULT_ADDRESS), null));
            JobClient job = env.executeAsync("control-test");
            try {
                assertTrue(eegOut.waitForConsumers(120) && ctlOut.waitForConsumers(120), "job connected to both streams");
                socket.setSoTimeout(300);
                // warm-up: the first decisions of a cold job may be older than maxDecisionAgeSeconds and are dropped
                burst(eegOut);
                received(socket);
                burst(eegOut);
                List<String> armed = received(socket);
                assertEquals(1, armed.size(), "armed at start: the burst stimulates once " + armed);

                ctlOut.pushMarker(ControlMarkers.label(ControlAction.EMERGENCY_STOP, "S"), Lsl.localClock());
                Thread.sleep(500);
                burst(eegOut);
                ctlOut.pushMarker(ControlMarkers.label(ControlAction.ARM, "S"), Lsl.localClock());
                Thread.sleep(500);
                burst(eegOut);
                assertEquals(List.of(), received(socket), "stopped: arm alone does not lift an emergency stop");

                ctlOut.pushMarker(ControlMarkers.label(ControlAction.RESET, "S"), Lsl.localClock());
                ctlOut.pushMarker(ControlMarkers.label(ControlAction.ARM, "S"), Lsl.localClock());
                Thread.sleep(500);
                burst(eegOut);
                List<String> again = received(socket);
                assertEquals(1, again.size(), "reset and armed: stimulates again " + again);
                assertTrue(!again.equals(armed), "a new command id");
            } finally {
                job.cancel().get();
            }
        }
    }

    /** 0.3 s of quiet samples, a 5-sample 400 µV burst on channel 0, 0.3 s quiet; paced at 250 Hz. */
    private static void burst(StreamOutlet out) throws InterruptedException {
        float[] row = new float[2];
        for (int k = 0; k < 155; k++) {
            row[0] = k >= 75 && k < 80 ? 400f : 5f;
            out.pushSample(row, Lsl.localClock());
            Thread.sleep(4);
        }
    }

    private static List<String> received(DatagramSocket socket) throws Exception {
        List<String> ids = new ArrayList<>();
        byte[] buf = new byte[1500];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException done) {
                return ids;
            }
            ids.add((String) OscMessage.decode(p.getData(), p.getLength()).arguments().get(0));
        }
    }
}
