package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.List;

/**
 * A background resolver ({@code lsl_continuous_resolver}) that keeps the set of currently visible streams matching a
 * query; {@link #results()} is cheap and non-blocking. Streams unseen for {@code forgetAfter} seconds drop out.
 */
public final class ContinuousResolver extends NativeHandle {
    private final Memory buffer = new Memory(8L * StreamResolver.MAX_RESULTS);
    private final String query;

    private ContinuousResolver(Pointer handle, String query) {
        super(handle, LslNative::lsl_destroy_continuous_resolver, "a continuous resolver for " + query);
        this.query = query;
    }

    /** Resolves every stream. */
    public static ContinuousResolver all(double forgetAfterSeconds) {
        Lsl.load();
        return new ContinuousResolver(LslNative.lsl_create_continuous_resolver(forgetAfterSeconds), "all streams");
    }

    /** Resolves streams whose {@code property} equals {@code value}. */
    public static ContinuousResolver byProperty(String property, String value, double forgetAfterSeconds) {
        Lsl.load();
        return new ContinuousResolver(
                LslNative.lsl_create_continuous_resolver_byprop(property, value, forgetAfterSeconds),
                property + "='" + value + "'");
    }

    /** Resolves streams matching an XPath 1.0 predicate. */
    public static ContinuousResolver byPredicate(String predicate, double forgetAfterSeconds) {
        Lsl.load();
        return new ContinuousResolver(
                LslNative.lsl_create_continuous_resolver_bypred(predicate, forgetAfterSeconds), predicate);
    }

    /** Currently visible matching streams; the caller owns (and closes) the returned infos. */
    public synchronized List<StreamInfo> results() {
        return StreamResolver.collect(
                buffer,
                LslNative.lsl_resolver_results(handle(), buffer, StreamResolver.MAX_RESULTS),
                "continuous resolver " + query);
    }

    @Override
    public synchronized void close() {
        super.close();
        buffer.close();
    }
}
