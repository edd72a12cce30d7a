package org.neuroloop.closedloop.policy;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.StreamInlet;
import org.neuroloop.lsl4j.StreamResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An LSL marker stream of control labels {@code "<action>@<session>"} ({@link ControlMarkers}) that the policy reads
 * beside the data flow instead of as a second input: a second input would end the operator chain before the policy
 * and put a hand-over between threads on every decision. A daemon thread finds the stream and opens its inlet;
 * {@link Reader#poll} never waits, so the policy can ask before each decision.
 *
 * @param name the control stream's LSL name
 */
public record SideControlStream(String name) implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(SideControlStream.class);

    public SideControlStream {
        Objects.requireNonNull(name, "name");
    }

    /** Starts looking for the stream; poll the reader, close it when done. */
    public Reader open() {
        return new Reader(name);
    }

    /** The open side of a {@link SideControlStream}. */
    public static final class Reader implements AutoCloseable {
        private static final double RESOLVE_SECONDS = 1.0;
        private final String name;
        private Thread finder;
        private final String[] label = new String[1];
        private final double[] stamp = new double[1];
        private volatile StreamInlet inlet;
        private volatile boolean closed;

        private Reader(String name) {
            this.name = name;
            startFinder();
        }

        private void startFinder() {
            finder = new Thread(this::find, "side-control-" + name);
            finder.setDaemon(true);
            finder.start();
        }

        private void find() {
            while (!closed && inlet == null) {
                List<StreamInfo> found = StreamResolver.resolveByProp("name", name, 1, RESOLVE_SECONDS);
                if (found.isEmpty()) {
                    continue;
                }
                StreamInlet in = new StreamInlet(found.get(0), 60, 0, false);
                StreamResolver.closeAll(found);
                try {
                    in.open(10);
                } catch (RuntimeException e) {
                    LOG.warn("control stream {}: cannot open its inlet ({}); trying again", name, e.toString());
                    in.close();
                    continue;
                }
                inlet = in;
                LOG.info("control stream {}: connected", name);
                if (closed) {
                    in.close();
                }
            }
        }

        /** The next control marker that has arrived, routed to its session; empty when none is waiting. */
        public Optional<Marker> poll() {
            StreamInlet in = inlet;
            try {
                while (in != null && !closed && in.pullStrings(label, stamp, 0.0) > 0) {
                    Optional<Marker> m = ControlMarkers.route(new Marker("", stamp[0], label[0], 0.0));
                    if (m.isPresent()) {
                        return m;
                    }
                    LOG.warn("control stream {}: ignored '{}' (expected <action>@<session>)", name, label[0]);
                }
            } catch (RuntimeException e) {
                // the policy keeps deciding when its control stream goes away; looking for it again is the finder's
                // work, never the caller's (a recovering pull would wait on the decision path)
                LOG.warn("control stream {}: lost ({}); looking for it again", name, e.toString());
                inlet = null;
                in.close();
                if (!closed) {
                    startFinder();
                }
            }
            return Optional.empty();
        }

        /** Whether the inlet is open (markers pushed from now on will be seen). */
        public boolean connected() {
            return inlet != null;
        }

        @Override
        public void close() {
            closed = true;
            finder.interrupt();
            StreamInlet in = inlet;
            if (in != null) {
                in.close();
            }
        }
    }
}
