package org.neuroloop.lsl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neuroloop.lsl4j.liblsl.Liblsl;

/**
 * Discovery against real liblsl 1.10, both ways: five lsl4j outlets and five liblsl outlets with the same
 * descriptions (names and source ids differ only by a group prefix) answer a table of XPath queries; liblsl's
 * resolver and lsl4j's resolver must find the same streams of each group, and the expected ones.
 */
class DiscoveryInteropTest {
    private static final double WAIT = 1.2;
    private static final String RUN = "disc" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final String J = RUN + "J";
    private static final String L = RUN + "L";
    private static final List<AutoCloseable> OUTLETS = new ArrayList<>();
    private static String host;

    /** id, type, channels, rate, format, source id suffix ("" = none). */
    private record Spec(String id, String type, int channels, double rate, ChannelFormat format, String source) {}

    private static final List<Spec> SPECS = List.of(
            new Spec("eeg8", "EEG", 8, 250, ChannelFormat.FLOAT32, "amp-1"),
            new Spec("eeg32", "EEG", 32, 500, ChannelFormat.DOUBLE64, "amp-2"),
            new Spec("mrk", "Markers", 1, 0, ChannelFormat.STRING, ""),
            new Spec("acc", "ACC", 3, 100, ChannelFormat.INT16, "imu-1"),
            new Spec("gaze", "Gaze", 2, 60, ChannelFormat.INT32, "eye-1"));

    @BeforeAll
    static void publish() throws IOException {
        host = hostname();
        for (Spec s : SPECS) {
            String manufacturer = s.id().equals("eeg8") ? "Acme" : null;
            List<String> labels =
                    s.id().equals("eeg8") ? List.of("C3", "C4", "Cz", "Fz", "Pz", "O1", "O2", "Oz") : null;
            StreamInfo info = StreamInfo.create(
                    J + "-" + s.id(),
                    s.type(),
                    s.channels(),
                    s.rate(),
                    s.format(),
                    s.source().isEmpty() ? "" : J + "-" + s.source());
            if (manufacturer != null) {
                info.desc().appendChildValue("manufacturer", manufacturer);
                info.setChannels(labels, labels.stream().map(l -> "uV").toList(), "EEG");
            }
            OUTLETS.add(new StreamOutlet(info));
            OUTLETS.add(Liblsl.outlet(
                    L + "-" + s.id(),
                    s.type(),
                    s.channels(),
                    s.rate(),
                    s.format(),
                    s.source().isEmpty() ? "" : L + "-" + s.source(),
                    manufacturer,
                    labels));
        }
    }

    @AfterAll
    static void close() throws Exception {
        for (AutoCloseable c : OUTLETS) {
            c.close();
        }
    }

    private static String hostname() throws IOException {
        Path p = Path.of("/proc/sys/kernel/hostname");
        return Files.isReadable(p)
                ? Files.readString(p).strip()
                : InetAddress.getLocalHost().getHostName();
    }

    /** The query table: a predicate over group prefix P and the ids it must find. */
    private static Map<String, Set<String>> queries() {
        Map<String, Set<String>> q = new LinkedHashMap<>();
        String all = "eeg8 eeg32 mrk acc gaze";
        q.put("name='P-eeg8'", ids("eeg8"));
        q.put("type='EEG' and starts-with(name,'P-')", ids("eeg8 eeg32"));
        q.put("source_id='P-amp-2'", ids("eeg32"));
        q.put("starts-with(name,'P-')", ids(all));
        q.put("starts-with(name,'P-') and channel_count=1", ids("mrk"));
        q.put("starts-with(name,'P-') and channel_count>4", ids("eeg8 eeg32"));
        q.put("starts-with(name,'P-') and channel_count>=3 and channel_count<=8", ids("eeg8 acc"));
        q.put("starts-with(name,'P-') and nominal_srate=0", ids("mrk"));
        q.put("starts-with(name,'P-') and nominal_srate>=100", ids("eeg8 eeg32 acc"));
        q.put("starts-with(name,'P-') and channel_format='string'", ids("mrk"));
        q.put("starts-with(name,'P-') and channel_format='float32'", ids("eeg8"));
        q.put("starts-with(name,'P-') and (type='ACC' or type='Gaze')", ids("acc gaze"));
        q.put("starts-with(name,'P-') and not(type='EEG')", ids("mrk acc gaze"));
        q.put("starts-with(name,'P-') and source_id=''", ids("mrk"));
        q.put("starts-with(source_id,'P-amp')", ids("eeg8 eeg32"));
        q.put("contains(name,'P-ee')", ids("eeg8 eeg32"));
        q.put("starts-with(name,'P-') and string-length(type)=3", ids("eeg8 eeg32 acc"));
        q.put("starts-with(name,'P-') and substring(name,string-length('P-')+1,3)='eeg'", ids("eeg8 eeg32"));
        q.put("starts-with(name,'P-') and translate(type,'EG','eg')='eeg'", ids("eeg8 eeg32"));
        q.put("starts-with(name,'P-') and hostname='" + host + "'", ids(all));
        q.put("starts-with(name,'P-') and session_id='default'", ids(all));
        q.put("starts-with(name,'P-') and version>=1.1", ids(all));
        q.put("starts-with(name,'P-') and channel_count*nominal_srate>1000", ids("eeg8 eeg32"));
        q.put("starts-with(name,'P-') and nominal_srate mod 100=0", ids("eeg32 acc mrk"));
        q.put("starts-with(name,'P-') and desc/manufacturer='Acme'", ids("eeg8"));
        q.put("starts-with(name,'P-') and count(desc/channels/channel)=8", ids("eeg8"));
        q.put("name='P-nothing'", ids(""));
        q.put("starts-with(name,'P-') and channel_count=0", ids(""));
        q.put("starts-with(name,'P-') and type='eeg'", ids(""));
        q.put("starts-with(name,'P-') and number(channel_count)=32", ids("eeg32"));
        q.put("starts-with(name,'P-') and boolean(source_id)", ids(all));
        q.put("starts-with(name,'P-') and normalize-space(source_id)!=''", ids("eeg8 eeg32 acc gaze"));
        q.put("starts-with(name,'P-') and (channel_count=2 or channel_count=3) and nominal_srate<100", ids("gaze"));
        q.put("starts-with(name,'P-') and uid!=''", ids(all));
        q.put("starts-with(name,'P-') and created_at>0", ids(all));
        q.put("starts-with(name,'P-') and v4data_port>0", ids(all));
        return q;
    }

    private static Set<String> ids(String s) {
        return new TreeSet<>(s.isBlank() ? List.of() : List.of(s.split(" ")));
    }

    /**
     * Resolves every query for one group with one resolver, all at once (each resolve waits its whole {@link #WAIT}
     * for stragglers, so a pass takes one wait, not one per batch); returns query -> ids found.
     */
    private static Map<String, Set<String>> run(String group, Function<String, List<String>> resolver)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(queries().size());
        try {
            Map<String, Future<List<String>>> pending = new LinkedHashMap<>();
            for (String q : queries().keySet()) {
                String pred = q.replace("P-", group + "-");
                pending.put(q, pool.submit(() -> resolver.apply(pred)));
            }
            Map<String, Set<String>> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<List<String>>> e : pending.entrySet()) {
                Set<String> found = new TreeSet<>();
                for (String name : e.getValue().get()) {
                    found.add(name.substring(group.length() + 1));
                }
                out.put(e.getKey(), found);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> lsl4jNames(String predicate) {
        return StreamResolver.resolveByPred(predicate, Integer.MAX_VALUE, WAIT).stream()
                .map(StreamInfo::name)
                .toList();
    }

    @Test
    @Timeout(240)
    void liblslAndLsl4jResolversFindTheSameStreamsOfLsl4jAndLiblslOutlets() throws Exception {
        assertTrue(queries().size() >= 30);
        Map<String, Set<String>> expected = queries();
        Map<String, Set<String>> liblslOnJ = run(J, p -> Liblsl.resolveNames(p, WAIT));
        Map<String, Set<String>> liblslOnL = run(L, p -> Liblsl.resolveNames(p, WAIT));
        Map<String, Set<String>> lsl4jOnJ = run(J, DiscoveryInteropTest::lsl4jNames);
        Map<String, Set<String>> lsl4jOnL = run(L, DiscoveryInteropTest::lsl4jNames);
        List<String> wrong = new ArrayList<>();
        for (String q : expected.keySet()) {
            Set<String> want = expected.get(q);
            if (!want.equals(liblslOnJ.get(q))
                    || !want.equals(liblslOnL.get(q))
                    || !want.equals(lsl4jOnJ.get(q))
                    || !want.equals(lsl4jOnL.get(q))) {
                wrong.add(q + ": expected " + want + ", liblsl resolver on lsl4j outlets " + liblslOnJ.get(q)
                        + ", on liblsl outlets " + liblslOnL.get(q) + "; lsl4j resolver on lsl4j outlets "
                        + lsl4jOnJ.get(q) + ", on liblsl outlets " + lsl4jOnL.get(q));
            }
        }
        assertEquals(List.of(), wrong, String.join("\n", wrong));
    }

    @Test
    @Timeout(60)
    void findsByNameTypeAndSourceIdAndFillsTheAddress() {
        for (String group : List.of(J, L)) {
            List<StreamInfo> byName = StreamResolver.resolveByProp("name", group + "-eeg32", 1, 5.0);
            assertEquals(1, byName.size(), group);
            StreamInfo s = byName.get(0);
            assertEquals("EEG", s.type());
            assertEquals(32, s.channelCount());
            assertEquals(ChannelFormat.DOUBLE64, s.channelFormat());
            assertEquals(500.0, s.nominalRate());
            assertEquals(group + "-amp-2", s.sourceId());
            assertEquals(110, s.version());
            assertEquals(host, s.hostname());
            assertEquals("127.0.0.1", s.v4address());
            assertEquals(
                    1,
                    StreamResolver.resolveByProp("source_id", group + "-imu-1", 1, 5.0)
                            .size(),
                    group);
            assertEquals(
                    2,
                    StreamResolver.resolveByPred("type='EEG' and starts-with(name,'" + group + "-')", 2, 5.0)
                            .size(),
                    group);
        }
    }

    @Test
    @Timeout(60)
    void twoLsl4jAndTwoLiblslOutletsOfThisMachineAreAllFoundByBothResolvers() throws InterruptedException {
        String both = "type='EEG' and (starts-with(name,'" + J + "-') or starts-with(name,'" + L + "-'))";
        Set<String> want = new TreeSet<>(List.of(J + "-eeg8", J + "-eeg32", L + "-eeg8", L + "-eeg32"));
        assertEquals(want, new TreeSet<>(Liblsl.resolveNames(both, WAIT)));
        assertEquals(want, new TreeSet<>(lsl4jNames(both)));
        Set<String> continuous = new TreeSet<>();
        try (ContinuousResolver r = ContinuousResolver.byPredicate(both, 5.0)) {
            long end = System.nanoTime() + 5_000_000_000L;
            while (continuous.size() < 4 && System.nanoTime() < end) {
                continuous.clear();
                r.results().forEach(i -> continuous.add(i.name()));
                Thread.sleep(100);
            }
        }
        assertEquals(want, continuous);
    }
}
