package org.neuroloop.lsl4j;

import java.util.function.BooleanSupplier;
import org.neuroloop.lsl4j.wire.WireInlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link StreamInlet} finds its lost stream again: it resolves {@code name, type, channel_count,
 * channel_format} and the {@code source_id} (or {@code hostname} when the stream has none), reconnects to the same
 * uid when it is back, otherwise takes a single match as the restarted outlet, and subscribes to it.
 */
final class InletRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(InletRecovery.class);

    private final String name;
    private final String query;
    private final int maxBuflen;
    private final LslConfig cfg;

    InletRecovery(StreamInfo info, int maxBuflen, LslConfig cfg) {
        this.name = info.name();
        this.maxBuflen = maxBuflen;
        this.cfg = cfg;
        String q = "name=" + StreamResolver.xpathLiteral(name) + " and type=" + StreamResolver.xpathLiteral(info.type())
                + " and channel_count=" + info.channelCount() + " and channel_format='"
                + info.channelFormat().xmlName() + "'";
        this.query = q
                + (info.sourceId().isEmpty()
                        ? " and hostname=" + StreamResolver.xpathLiteral(info.hostname())
                        : " and source_id=" + StreamResolver.xpathLiteral(info.sourceId()));
    }

    /**
     * Looks for the stream until the deadline ({@link System#nanoTime()}) or until {@code closed}.
     *
     * @param uid the uid read until the loss, preferred when it is back
     * @return an open inlet on the stream found, or null
     */
    WireInlet reconnect(String uid, long deadline, BooleanSupplier closed) {
        while (!closed.getAsBoolean()) {
            double left = StreamInlet.secondsLeft(deadline);
            var found = StreamResolver.resolve(cfg, query, 1, Math.max(0.05, Math.min(left, 1.0)), 0);
            StreamInfo pick = null;
            for (StreamInfo s : found) {
                if (s.uid().equals(uid)) {
                    pick = s;
                }
            }
            if (pick == null && found.size() == 1) {
                pick = found.get(0);
            } else if (pick == null && found.size() > 1) {
                LOG.warn("LSL stream '{}': {} streams match {}, not choosing one", name, found.size(), query);
            }
            if (pick != null) {
                WireInlet w = new WireInlet(pick, maxBuflen, cfg);
                try {
                    w.open(Math.max(1.0, StreamInlet.secondsLeft(deadline)));
                } catch (LslException e) {
                    w.close();
                    LOG.debug("LSL stream '{}': reconnect to {} failed: {}", name, pick.uid(), e.getMessage());
                    if (System.nanoTime() - deadline >= 0) {
                        return null;
                    }
                    continue;
                }
                LOG.info(
                        "LSL stream '{}' {} (uid {})",
                        name,
                        pick.uid().equals(uid) ? "reconnected" : "recovered from a restarted outlet",
                        pick.uid());
                return w;
            }
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
        }
        return null;
    }
}
