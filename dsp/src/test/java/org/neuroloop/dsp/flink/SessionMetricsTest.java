package org.neuroloop.dsp.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** Per-session metrics land in a {@code session=<id>} group each, registered once. */
class SessionMetricsTest {

    /** A metric group that records the full names of what is registered under it. */
    static final class Capturing extends UnregisteredMetricsGroup {
        final Map<String, Object> registered;
        final String prefix;

        Capturing(Map<String, Object> registered, String prefix) {
            this.registered = registered;
            this.prefix = prefix;
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Capturing(registered, prefix + key + "=" + value + ".");
        }

        @Override
        public Counter counter(String name) {
            Counter c = new SimpleCounter();
            if (registered.put(prefix + name, c) != null) {
                throw new IllegalStateException("registered twice: " + prefix + name);
            }
            return c;
        }

        @Override
        public <H extends Histogram> H histogram(String name, H histogram) {
            if (registered.put(prefix + name, histogram) != null) {
                throw new IllegalStateException("registered twice: " + prefix + name);
            }
            return histogram;
        }
    }

    @Test
    void countersAndHistogramsArePerSession() {
        Map<String, Object> registered = new TreeMap<>();
        SessionMetrics m = new SessionMetrics(new Capturing(registered, ""));
        m.counter("a", "samplesIn").inc(10);
        m.counter("a", "samplesIn").inc(5);
        m.counter("b", "samplesIn").inc(1);
        m.histogram("a", "latencyMicros").update(1200);
        assertSame(m.histogram("a", "latencyMicros"), m.histogram("a", "latencyMicros"));
        assertEquals(
                Map.of("session=a.samplesIn", 15L, "session=b.samplesIn", 1L),
                Map.of(
                        "session=a.samplesIn",
                        ((Counter) registered.get("session=a.samplesIn")).getCount(),
                        "session=b.samplesIn",
                        ((Counter) registered.get("session=b.samplesIn")).getCount()));
        assertEquals(1, ((Histogram) registered.get("session=a.latencyMicros")).getCount());
        assertEquals(3, registered.size());
    }

    @Test
    void counterSetsShareTheSessionsCounters() {
        Map<String, Object> registered = new TreeMap<>();
        SessionMetrics m = new SessionMetrics(new Capturing(registered, ""));
        String[] names = {"chunksIn", "samplesIn"};
        m.counter("a", "samplesIn").inc(2);
        Counter[] a = m.counters("a", names);
        assertSame(a, m.counters("a", names));
        a[0].inc();
        a[1].inc(5);
        m.counters("b", names)[1].inc(3);
        assertSame(m.counter("a", "chunksIn"), a[0]);
        assertEquals(1L, ((Counter) registered.get("session=a.chunksIn")).getCount());
        assertEquals(7L, ((Counter) registered.get("session=a.samplesIn")).getCount());
        assertEquals(3L, ((Counter) registered.get("session=b.samplesIn")).getCount());
        assertEquals(4, registered.size());
    }
}
