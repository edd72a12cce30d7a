package org.neuroloop.deploy.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neuroloop.lsl4j.Lsl;

/** The {@link SessionBoard}s of a run, one per session id, the configured ones first. */
final class SessionBoards {
    private final Map<String, SessionBoard> boards = new ConcurrentHashMap<>();
    private final List<String> order;
    private final boolean armedAtStart;
    private final int budget;
    private final boolean live;

    SessionBoards(List<String> sessions, boolean armedAtStart, int budget, boolean live) {
        this.order = List.copyOf(sessions);
        this.armedAtStart = armedAtStart;
        this.budget = budget;
        this.live = live;
        sessions.forEach(this::of);
    }

    SessionBoard of(String id) {
        return boards.computeIfAbsent(id, k -> new SessionBoard(k, armedAtStart, budget));
    }

    boolean has(String id) {
        return boards.containsKey(id);
    }

    /** Whether decisions run on the LSL clock (lag and latency mean something). */
    boolean live() {
        return live;
    }

    ArrayNode json() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        double now = Lsl.localClock();
        order.forEach(id -> a.add(boards.get(id).json(now, live)));
        boards.keySet().stream()
                .filter(id -> !order.contains(id))
                .sorted()
                .forEach(id -> a.add(boards.get(id).json(now, live)));
        return a;
    }
}
