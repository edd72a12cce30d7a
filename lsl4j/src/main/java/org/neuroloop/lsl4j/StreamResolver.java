package org.neuroloop.lsl4j;

import java.util.List;

/**
 * One-shot stream discovery, as pylsl's {@code resolve_streams}, {@code resolve_byprop} and {@code resolve_bypred}.
 * Results carry the short info (empty {@code desc}; the full one comes from {@link StreamInlet#info(double)}).
 *
 * <p>Predicates are XPath 1.0 over the {@code <info>} element, e.g. {@code name='EEG' and type='EEG'} or
 * {@code starts-with(name,'Bio') and channel_count>=8}; each outlet evaluates them itself, so lsl4j and liblsl
 * outlets answer the same query alike. Like liblsl, the query sent is {@code session_id='<SessionID>' and <pred>}.
 * A wave of queries ({@link ResolveAttempt}) goes out at once and then every {@value #WAVE_SECONDS} s.
 */
public final class StreamResolver {
    /** Interval between query waves (liblsl's MulticastMinRTT). */
    static final double WAVE_SECONDS = 0.5;
    /** After the minimum is reached, replies to the same wave still arriving within this time are kept too. */
    static final double GRACE_SECONDS = 0.05;

    private StreamResolver() {}

    /** Every stream visible within {@code waitSeconds} (pylsl {@code resolve_streams(wait_time)}). */
    public static List<StreamInfo> resolveStreams(double waitSeconds) {
        return resolve(null, Integer.MAX_VALUE, waitSeconds, waitSeconds);
    }

    /**
     * Streams whose {@code property} (name, type, source_id, hostname, channel_count, ...) equals {@code value};
     * returns once {@code minimum} were found, or what was found at the timeout.
     */
    public static List<StreamInfo> resolveByProp(String property, String value, int minimum, double timeoutSeconds) {
        return resolve(property + "=" + xpathLiteral(value), minimum, timeoutSeconds, 0);
    }

    /** Streams matching an XPath 1.0 predicate over {@code <info>}; see {@link #resolveByProp}. */
    public static List<StreamInfo> resolveByPred(String predicate, int minimum, double timeoutSeconds) {
        return resolve(predicate, minimum, timeoutSeconds, 0);
    }

    /** {@link #resolveStreams(double)} under the settings {@code cfg} instead of this process's. */
    public static List<StreamInfo> resolveStreams(LslConfig cfg, double waitSeconds) {
        return resolve(cfg, null, Integer.MAX_VALUE, waitSeconds, waitSeconds);
    }

    /** {@link #resolveByProp(String, String, int, double)} under the settings {@code cfg}. */
    public static List<StreamInfo> resolveByProp(
            LslConfig cfg, String property, String value, int minimum, double timeoutSeconds) {
        return resolve(cfg, property + "=" + xpathLiteral(value), minimum, timeoutSeconds, 0);
    }

    /** {@link #resolveByPred(String, int, double)} under the settings {@code cfg}. */
    public static List<StreamInfo> resolveByPred(LslConfig cfg, String predicate, int minimum, double timeoutSeconds) {
        return resolve(cfg, predicate, minimum, timeoutSeconds, 0);
    }

    /** Same as {@link #resolveStreams(double)}. */
    public static List<StreamInfo> resolveAll(double waitSeconds) {
        return resolveStreams(waitSeconds);
    }

    /** Same as {@link #resolveByProp}. */
    public static List<StreamInfo> resolveByProperty(
            String property, String value, int minimum, double timeoutSeconds) {
        return resolveByProp(property, value, minimum, timeoutSeconds);
    }

    /** Same as {@link #resolveByPred}. */
    public static List<StreamInfo> resolveByPredicate(String predicate, int minimum, double timeoutSeconds) {
        return resolveByPred(predicate, minimum, timeoutSeconds);
    }

    /**
     * Resolves with this process's {@link LslConfig}.
     *
     * @param minimum return as soon as this many were found (and {@code minimumSeconds} passed)
     */
    static List<StreamInfo> resolve(String predicate, int minimum, double timeoutSeconds, double minimumSeconds) {
        return resolve(LslConfig.current(), predicate, minimum, timeoutSeconds, minimumSeconds);
    }

    static List<StreamInfo> resolve(
            LslConfig cfg, String predicate, int minimum, double timeoutSeconds, double minimumSeconds) {
        long start = System.nanoTime();
        long deadline = start + nanos(Math.max(0, Math.min(timeoutSeconds, Lsl.FOREVER)));
        long minimumEnd = start + nanos(Math.max(0, minimumSeconds));
        try (ResolveAttempt attempt = new ResolveAttempt(cfg, ResolveAttempt.query(cfg, predicate))) {
            while (true) {
                attempt.sendWave();
                long waveEnd = Math.min(deadline, System.nanoTime() + nanos(WAVE_SECONDS));
                while (System.nanoTime() - waveEnd < 0) {
                    attempt.receiveUntil(Math.min(waveEnd, System.nanoTime() + nanos(GRACE_SECONDS)));
                    if (attempt.count() >= minimum && System.nanoTime() - minimumEnd >= 0) {
                        attempt.receiveUntil(Math.min(deadline, System.nanoTime() + nanos(GRACE_SECONDS)));
                        return attempt.results();
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    return attempt.results();
                }
            }
        }
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    /** Closes every info of a result list (nothing to release in lsl4j; kept for code written for bindings). */
    public static void closeAll(List<StreamInfo> infos) {
        for (StreamInfo i : infos) {
            i.close();
        }
    }

    /** Quotes a literal for an XPath predicate ({@code 'x'}, or {@code concat(...)} when it holds a quote). */
    public static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        StringBuilder b = new StringBuilder("concat(");
        String[] parts = s.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(",\"'\",");
            }
            b.append('\'').append(parts[i]).append('\'');
        }
        return b.append(')').toString();
    }
}
