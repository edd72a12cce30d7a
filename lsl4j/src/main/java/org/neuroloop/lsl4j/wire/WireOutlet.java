package org.neuroloop.lsl4j.wire;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.neuroloop.lsl4j.ChannelFormat;
import org.neuroloop.lsl4j.Lsl;
import org.neuroloop.lsl4j.LslConfig;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.LslOutlet;
import org.neuroloop.lsl4j.StreamInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outlet side of the LSL protocol 1.10 in pure Java (see {@code docs/lsl-protocol.md}): any liblsl inlet
 * (LabRecorder, pylsl, MNE-LSL, our {@link org.neuroloop.lsl4j.StreamInlet}) discovers and reads it like a liblsl
 * outlet, but a pushed sample reaches every consumer's socket within microseconds: the pushing thread encodes the
 * chunk once ({@link SampleCodec}) and writes it straight into each consumer's non-blocking TCP_NODELAY socket.
 * (Compare liblsl 1.10: {@code docs/lsl-protocol.md}, "Why NeuroLoop carries its own data path".) Nothing on the
 * push path sleeps, polls or allocates for numeric streams once the encode buffer has grown to the largest chunk.
 *
 * <h2>Network</h2>
 * The ports ({@link OutletNetwork}): the TCP data port ({@link DataPortServer}: fullinfo, shortinfo,
 * streamfeed/110) and the UDP service port ({@link ServiceResponder}: shortinfo discovery, timedata clock probes) are
 * bound to the first free port of
 * {@code BasePort..BasePort+PortRange-1} of the {@link LslConfig} (16572..16603 by default); a second responder
 * answers shortinfo queries on the multicast port ({@link DiscoveryPort}). Under a loopback-only config (the
 * built-in default) every socket is bound to 127.0.0.1, so nothing from another host reaches the outlet and every
 * reply goes to this host; a config that reaches a network binds all IPv4 interfaces and joins its multicast groups.
 * Outlets only ever answer: they send no query, multicast or broadcast of their own.
 *
 * <h2>Samples</h2>
 * Samples are sample-major ({@code data[i * channels + c]}) with one LSL-clock timestamp each, 0 meaning "now"
 * ({@link Lsl#localClock()}); values are converted to the stream's format like liblsl does (rounded and saturated
 * for integer formats). Every sample is sent with its timestamp (tag 2), never as a deduced timestamp (tag 1):
 * 8 more bytes per sample on loopback, but a sample dropped from a slow consumer's backlog can never shift the
 * timestamps of the samples after it. Every push is sent at once; {@code pushthrough} is accepted for API
 * compatibility and ignored, and so is an inlet's {@code Max-Chunk-Length} (no batching, no splitting: a chunk goes
 * out as pushed). The pusher writes to the consumers one after the other (one {@code write} system call each, about
 * 10–20 µs on loopback), so a push costs proportionally more with many consumers.
 * Samples pushed while no consumer is connected are dropped, like liblsl;
 * wait with {@link #waitForConsumers(double)} first. Data always goes out little endian
 * ({@code Byte-Order: 1234}); a big-endian liblsl inlet swaps itself. Subnormals are never suppressed.
 *
 * <h2>Slow consumers</h2>
 * What a consumer's socket does not take at once goes to its bounded backlog, flushed by its own thread; beyond
 * {@code maxBufferedSeconds} × nominal rate samples (× 100 for irregular streams, like liblsl; or the inlet's own
 * {@code Max-Buffer-Length} when smaller) the oldest samples are dropped and counted ({@link #droppedSamples()}),
 * so a stalled consumer never blocks the pusher or the other consumers.
 *
 * <p>Push methods are thread-safe (serialized). Threads are daemons named {@code lsl-wire-<stream name>-…}.
 */
public final class WireOutlet implements LslOutlet {
    private static final Logger LOG = LoggerFactory.getLogger(WireOutlet.class);
    private static final long JOIN_MILLIS = 5_000;

    private final String name;
    private final int channels;
    private final ChannelFormat format;
    private final double nominalRate;
    private final StreamInfoDocument info;
    private final OutletNetwork network;
    private final OutletConsumers consumers = new OutletConsumers();

    private final Object pushLock = new Object();
    private final ChunkEncoder encoder;
    private final String[] markerRow = new String[1];
    private final double[] markerStamp = new double[1];

    /** An outlet buffering up to 360 s per consumer. */
    public WireOutlet(StreamInfo info) {
        this(info, 360);
    }

    /**
     * Publishes a stream: binds its ports and starts answering resolvers and inlets.
     *
     * @param info the stream's description (name, type, channels, rate, format, source id, desc); read once, the
     *             caller keeps ownership
     * @param maxBufferedSeconds per-consumer backlog in seconds of data (× 100 samples for irregular streams), &gt; 0
     * @throws LslException when no port of the configured range is free
     */
    public WireOutlet(StreamInfo info, int maxBufferedSeconds) {
        this(info, maxBufferedSeconds, LslConfig.current());
    }

    /** With the settings of {@code cfg} instead of this process's ({@link LslConfig#current()}). */
    public WireOutlet(StreamInfo info, int maxBufferedSeconds, LslConfig cfg) {
        Objects.requireNonNull(info, "info");
        if (maxBufferedSeconds <= 0) {
            throw new IllegalArgumentException(
                    "outlet " + info.name() + ": maxBufferedSeconds must be > 0, got " + maxBufferedSeconds);
        }
        this.name = info.name();
        this.channels = info.channelCount();
        this.format = info.channelFormat();
        this.nominalRate = info.nominalRate();
        SampleCodec codec = new SampleCodec(format, channels, nominalRate);
        this.encoder = new ChunkEncoder(codec, name);
        long maxSamples = (long) Math.ceil(maxBufferedSeconds * (nominalRate > 0 ? nominalRate : 100.0));
        int backlog = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxSamples));
        this.network = new OutletNetwork(name, info.toXml(), cfg, codec, backlog, consumers);
        this.info = network.info();
        LOG.info(
                "LSL outlet '{}' ({} ch {} @ {} Hz, source_id '{}') open on {}: data port {}, service port {}, "
                        + "uid {}, session_id '{}'",
                name,
                channels,
                format.xmlName(),
                nominalRate,
                info.sourceId(),
                network.bindDescription(),
                network.dataPort(),
                network.servicePort(),
                this.info.uid(),
                cfg.sessionId());
    }

    // ---- consumers ----

    @Override
    public boolean haveConsumers() {
        return consumers.current().length > 0;
    }

    @Override
    public boolean waitForConsumers(double timeoutSeconds) {
        return consumers.await(timeoutSeconds);
    }

    /** Number of connected consumers. */
    public int consumerCount() {
        return consumers.current().length;
    }

    /** Samples dropped so far for consumers that did not keep up (connected and departed ones). */
    public long droppedSamples() {
        return consumers.droppedSamples();
    }

    // ---- description ----

    @Override
    public int channelCount() {
        return channels;
    }

    @Override
    public ChannelFormat channelFormat() {
        return format;
    }

    public String name() {
        return name;
    }

    /** The uid this outlet publishes (a new random UUID per outlet). */
    public String uid() {
        return info.uid();
    }

    /** The UDP channel answering discovery queries on the multicast port, or null (for tests of its settings). */
    public DatagramChannel responderChannel() {
        return network.responderChannel();
    }

    /** The address the TCP data server listens on. */
    public InetSocketAddress dataAddress() {
        return network.dataAddress();
    }

    /** The UDP service channel (for tests of its settings). */
    public DatagramChannel serviceChannel() {
        return network.serviceChannel();
    }

    /** TCP port of the data server. */
    public int dataPort() {
        return network.dataPort();
    }

    /** UDP port of the service socket. */
    public int servicePort() {
        return network.servicePort();
    }

    /** The full info XML served to {@code LSL:fullinfo} requests. */
    public String fullInfoXml() {
        return new String(info.fullInfo(), StandardCharsets.UTF_8);
    }

    // ---- pushing ----

    @Override
    public void pushChunk(float[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        requireNumeric();
        checkShape(samples.length, sampleCount, timestamps);
        push(samples, sampleCount, timestamps);
    }

    @Override
    public void pushChunk(double[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        requireNumeric();
        checkShape(samples.length, sampleCount, timestamps);
        push(samples, sampleCount, timestamps);
    }

    /** Pushes 64-bit integers, exactly for int64 streams. */
    public void pushChunk(long[] samples, int sampleCount, double[] timestamps, boolean pushthrough) {
        requireNumeric();
        checkShape(samples.length, sampleCount, timestamps);
        push(samples, sampleCount, timestamps);
    }

    /** {@inheritDoc} Null values are sent as empty strings. Only for string streams. */
    @Override
    public void pushStrings(String[] values, int sampleCount, double[] timestamps, boolean pushthrough) {
        if (format != ChannelFormat.STRING) {
            throw new IllegalArgumentException("outlet " + name + " is a " + format.xmlName()
                    + " stream; pushStrings needs a string stream (push numbers with pushChunk)");
        }
        checkShape(values.length, sampleCount, timestamps);
        push(values, sampleCount, timestamps);
    }

    /**
     * Encodes {@code sampleCount} rows of {@code rows} (checked by the caller) once with the {@link ChunkEncoder} and
     * hands them to every consumer.
     */
    private void push(Object rows, int sampleCount, double[] timestamps) {
        synchronized (pushLock) {
            FeedSession[] to = targets(sampleCount);
            if (to == null) {
                return;
            }
            encoder.encode(rows, sampleCount, timestamps);
            deliver(to, sampleCount);
        }
    }

    @Override
    public void pushMarker(String label, double timestamp) {
        if (channels != 1 || format != ChannelFormat.STRING) {
            throw new IllegalStateException("outlet " + name + " has " + channels + " " + format.xmlName()
                    + " channels; pushMarker needs a 1-channel string stream");
        }
        synchronized (pushLock) {
            markerRow[0] = label;
            markerStamp[0] = timestamp;
            pushStrings(markerRow, 1, markerStamp, true);
            markerRow[0] = null;
        }
    }

    /** The consumers to send to, or null when there is nothing to do. Holds the push lock. */
    private FeedSession[] targets(int sampleCount) {
        if (consumers.isClosed()) {
            throw new IllegalStateException("LSL outlet '" + name + "' is closed");
        }
        FeedSession[] to = consumers.current();
        return sampleCount == 0 || to.length == 0 ? null : to;
    }

    /**
     * Hands the encoded chunk to every consumer. The pusher's interrupt flag is set aside meanwhile: an NIO channel
     * written by an interrupted thread is closed (ClosedByInterruptException), and a Flink task being cancelled or
     * any interrupted caller must not cut off every consumer's stream.
     */
    private void deliver(FeedSession[] to, int sampleCount) {
        boolean interrupted = Thread.interrupted();
        try {
            for (FeedSession s : to) {
                s.offer(encoder.encoded(), encoder.ends(), sampleCount);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void requireNumeric() {
        if (format == ChannelFormat.STRING) {
            throw new IllegalArgumentException(
                    "outlet " + name + " is a string stream; push text with pushStrings/pushMarker");
        }
    }

    private void checkShape(int length, int sampleCount, double[] timestamps) {
        if (sampleCount < 0 || timestamps.length < sampleCount) {
            throw new IllegalArgumentException(
                    "outlet " + name + ": sampleCount " + sampleCount + " with " + timestamps.length + " timestamps");
        }
        long n = (long) sampleCount * channels;
        if (length < n) {
            throw new IllegalArgumentException("outlet " + name + ": " + sampleCount + " samples x " + channels
                    + " channels need " + n + " values, got " + length);
        }
    }

    // ---- closing ----

    /**
     * Stops serving: closes the ports and every consumer connection (liblsl inlets then report the stream lost) and
     * waits for the outlet's threads. Idempotent.
     */
    @Override
    public void close() {
        FeedSession[] open = consumers.close();
        if (open == null) {
            return;
        }
        network.closePorts();
        for (FeedSession s : open) {
            s.close();
        }
        boolean ended;
        try {
            ended = network.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            LOG.warn("LSL outlet '{}': some of its threads did not end within {} ms of close()", name, JOIN_MILLIS);
        }
        LOG.info(
                "LSL outlet '{}' closed (data port {}, service port {})",
                name,
                network.dataPort(),
                network.servicePort());
    }

    @Override
    public String toString() {
        return "WireOutlet[" + name + " " + channels + "ch " + format.xmlName() + " @" + nominalRate + "Hz uid="
                + info.uid() + " ports " + network.dataPort() + "/" + network.servicePort() + "]";
    }
}
