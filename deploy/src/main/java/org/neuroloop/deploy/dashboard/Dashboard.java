package org.neuroloop.deploy.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.neuroloop.closedloop.policy.ControlAction;
import org.neuroloop.closedloop.policy.ControlMarkers;
import org.neuroloop.closedloop.policy.DecisionClock;
import org.neuroloop.closedloop.policy.PolicyConfig;
import org.neuroloop.deploy.config.ResolvedConfig;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamOutlet;

/**
 * The live dashboard of a run, served by this process on 127.0.0.1 while the job runs anywhere on this machine
 * (embedded or on the standalone cluster): the job sends its monitor feed to a UDP port here
 * ({@link DashboardWiring}), and control goes back to the job as markers on an LSL outlet here, which the job reads
 * as one more control stream. A random token per run guards control; it is printed with the page's address.
 */
public final class Dashboard implements AutoCloseable {
    /** Port of {@code --dashboard} without a value. */
    public static final int DEFAULT_PORT = 8090;

    private final byte[] token;
    private final String tokenText;
    private final SessionBoards boards;
    private final EventStream events = new EventStream();
    private final MonitorReceiver receiver;
    private final DashboardServer server;
    private final StreamOutlet control;
    private final String controlStream;

    private Dashboard(ResolvedConfig config, int port) throws IOException {
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        tokenText = HexFormat.of().formatHex(raw);
        token = tokenText.getBytes(StandardCharsets.UTF_8);
        boolean live = config.clock() == DecisionClock.LSL;
        PolicyConfig policy = config.pipeline().policy();
        List<String> ids =
                config.sessions().stream().map(ResolvedConfig.Session::id).toList();
        boards = new SessionBoards(
                ids, policy == null || policy.armedAtStart(), policy == null ? 0 : policy.sessionBudget(), live);
        receiver = new MonitorReceiver(boards, events::publish);
        if (live && policy != null) {
            controlStream = "NeuroLoop-Control-" + tokenText.substring(0, 8);
            try (StreamInfo info = StreamInfo.create(
                    controlStream, "Markers", 1, Lsl.IRREGULAR_RATE, ChannelFormat.STRING, controlStream)) {
                control = new StreamOutlet(info, 1, 60);
            }
        } else {
            controlStream = null;
            control = null;
        }
        server = new DashboardServer(port, boards, events, setup(config, live), token, this::control);
    }

    /** Starts the server on 127.0.0.1:{@code port} (0: any free port) for the sessions of {@code config}. */
    public static Dashboard start(ResolvedConfig config, int port) throws IOException {
        return new Dashboard(config, port);
    }

    /** What the job needs to feed this dashboard and take its control. */
    public DashboardWiring wiring() {
        return new DashboardWiring(receiver.port(), controlStream);
    }

    public int port() {
        return server.port();
    }

    public String token() {
        return tokenText;
    }

    /** What {@code GET /api/sessions} returns now. */
    ArrayNode sessionsJson() {
        return boards.json();
    }

    /** The page's address with the token, as printed on the console. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/#token=" + tokenText;
    }

    /** Sends a control action ("arm", "disarm", "stop") to a session's policy; the caller checked the token. */
    private void control(String session, String action) {
        if (control == null) {
            throw new IllegalStateException("no control on the recording clock");
        }
        ControlAction a = ControlAction.parse(action).orElseThrow();
        control.pushMarker(ControlMarkers.label(a, session), Lsl.localClock());
        boards.of(session).control(action);
    }

    private static ObjectNode setup(ResolvedConfig config, boolean live) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("name", config.name());
        s.put("live", live);
        s.put("control", live && config.pipeline().policy() != null);
        var sessions = s.putArray("sessions");
        for (ResolvedConfig.Session session : config.sessions()) {
            ObjectNode n = sessions.addObject();
            n.put("id", session.id());
            var labels = n.putArray("channels");
            if (session.channelLabels() != null) {
                session.channelLabels().stream().limit(MonitorFeed.MAX_CHANNELS).forEach(labels::add);
            }
        }
        var d = config.pipeline().detector();
        s.put("detector", d == null ? null : d.type().name());
        return s;
    }

    @Override
    public void close() {
        server.close();
        receiver.close();
        if (control != null) {
            control.close();
        }
    }
}
