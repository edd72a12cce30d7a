package org.neuroloop.lsl4j.liblsl;

import com.sun.jna.Pointer;

/**
 * Direct-mapped (JNA {@code Native.register}) entry points of the liblsl C API ({@code lsl_c.h}).
 *
 * <p>Our own declarations, written from the documented C signatures. Handles ({@code lsl_streaminfo},
 * {@code lsl_outlet}, {@code lsl_inlet}, {@code lsl_xml_ptr}, {@code lsl_continuous_resolver}) are {@link Pointer}s;
 * sample and timestamp buffers are native {@link com.sun.jna.Memory} owned by the wrapper objects so a call copies
 * only the elements it moves (primitive Java arrays would be copied whole on every call).
 *
 * <p>Element counts are declared {@code long}: liblsl 1.10 declares them {@code unsigned long}, later versions
 * {@code uint32_t}; passing 64 bits is correct for both on LP64 (the callee reads the low half), and the
 * {@code pull_chunk} results are masked to 32 bits by the callers for the same reason.
 *
 * <p>Nothing here may be called before {@link LibLsl#load()} registered the library: the wrappers do that.
 */
final class LslNative {
    private LslNative() {}

    // common
    static native int lsl_protocol_version();

    static native int lsl_library_version();

    static native double lsl_local_clock();

    static native void lsl_destroy_string(Pointer s);

    // stream info
    static native Pointer lsl_create_streaminfo(
            String name, String type, int channelCount, double nominalSrate, int channelFormat, String sourceId);

    static native void lsl_destroy_streaminfo(Pointer info);

    static native Pointer lsl_copy_streaminfo(Pointer info);

    static native String lsl_get_name(Pointer info);

    static native String lsl_get_type(Pointer info);

    static native int lsl_get_channel_count(Pointer info);

    static native double lsl_get_nominal_srate(Pointer info);

    static native int lsl_get_channel_format(Pointer info);

    static native String lsl_get_source_id(Pointer info);

    static native int lsl_get_version(Pointer info);

    static native double lsl_get_created_at(Pointer info);

    static native String lsl_get_uid(Pointer info);

    static native String lsl_get_session_id(Pointer info);

    static native String lsl_get_hostname(Pointer info);

    static native Pointer lsl_get_desc(Pointer info);

    static native Pointer lsl_get_xml(Pointer info);

    static native Pointer lsl_streaminfo_from_xml(String xml);

    // xml element tree
    static native Pointer lsl_first_child(Pointer e);

    static native Pointer lsl_next_sibling(Pointer e);

    static native Pointer lsl_parent(Pointer e);

    static native Pointer lsl_child(Pointer e, String name);

    static native Pointer lsl_next_sibling_n(Pointer e, String name);

    static native int lsl_empty(Pointer e);

    static native int lsl_is_text(Pointer e);

    static native String lsl_name(Pointer e);

    static native String lsl_value(Pointer e);

    static native String lsl_child_value(Pointer e);

    static native String lsl_child_value_n(Pointer e, String name);

    static native Pointer lsl_append_child_value(Pointer e, String name, String value);

    static native Pointer lsl_append_child(Pointer e, String name);

    static native int lsl_set_child_value(Pointer e, String name, String value);

    static native void lsl_remove_child_n(Pointer e, String name);

    // outlet
    static native Pointer lsl_create_outlet(Pointer info, int chunkSize, int maxBuffered);

    static native void lsl_destroy_outlet(Pointer out);

    static native Pointer lsl_get_info(Pointer out);

    static native int lsl_have_consumers(Pointer out);

    static native int lsl_wait_for_consumers(Pointer out, double timeout);

    static native int lsl_push_chunk_ftnp(
            Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);

    static native int lsl_push_chunk_dtnp(
            Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);

    static native int lsl_push_chunk_itnp(
            Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);

    static native int lsl_push_chunk_stnp(
            Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);

    static native int lsl_push_chunk_ctnp(
            Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);

    static native int lsl_push_chunk_ltnp(
            Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);

    static native int lsl_push_chunk_strtnp(
            Pointer out, Pointer data, long dataElements, Pointer timestamps, int pushthrough);

    // inlet
    static native Pointer lsl_create_inlet(Pointer info, int maxBuflen, int maxChunklen, int recover);

    static native void lsl_destroy_inlet(Pointer in);

    static native Pointer lsl_get_fullinfo(Pointer in, double timeout, Pointer ec);

    static native void lsl_open_stream(Pointer in, double timeout, Pointer ec);

    static native void lsl_close_stream(Pointer in);

    static native double lsl_time_correction(Pointer in, double timeout, Pointer ec);

    static native int lsl_samples_available(Pointer in);

    static native int lsl_was_clock_reset(Pointer in);

    static native double lsl_pull_sample_f(Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);

    static native double lsl_pull_sample_d(Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);

    static native double lsl_pull_sample_i(Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);

    static native double lsl_pull_sample_s(Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);

    static native double lsl_pull_sample_c(Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);

    static native double lsl_pull_sample_l(Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);

    static native double lsl_pull_sample_str(
            Pointer in, Pointer buffer, long bufferElements, double timeout, Pointer ec);

    static native long lsl_pull_chunk_f(
            Pointer in,
            Pointer data,
            Pointer timestamps,
            long dataElements,
            long timestampElements,
            double timeout,
            Pointer ec);

    static native long lsl_pull_chunk_d(
            Pointer in,
            Pointer data,
            Pointer timestamps,
            long dataElements,
            long timestampElements,
            double timeout,
            Pointer ec);

    static native long lsl_pull_chunk_i(
            Pointer in,
            Pointer data,
            Pointer timestamps,
            long dataElements,
            long timestampElements,
            double timeout,
            Pointer ec);

    static native long lsl_pull_chunk_s(
            Pointer in,
            Pointer data,
            Pointer timestamps,
            long dataElements,
            long timestampElements,
            double timeout,
            Pointer ec);

    static native long lsl_pull_chunk_c(
            Pointer in,
            Pointer data,
            Pointer timestamps,
            long dataElements,
            long timestampElements,
            double timeout,
            Pointer ec);

    static native long lsl_pull_chunk_l(
            Pointer in,
            Pointer data,
            Pointer timestamps,
            long dataElements,
            long timestampElements,
            double timeout,
            Pointer ec);

    static native long lsl_pull_chunk_str(
            Pointer in,
            Pointer data,
            Pointer timestamps,
            long dataElements,
            long timestampElements,
            double timeout,
            Pointer ec);

    // resolution
    static native int lsl_resolve_all(Pointer buffer, int bufferElements, double waitTime);

    static native int lsl_resolve_byprop(
            Pointer buffer, int bufferElements, String prop, String value, int minimum, double timeout);

    static native int lsl_resolve_bypred(Pointer buffer, int bufferElements, String pred, int minimum, double timeout);

    static native Pointer lsl_create_continuous_resolver(double forgetAfter);

    static native Pointer lsl_create_continuous_resolver_byprop(String prop, String value, double forgetAfter);

    static native Pointer lsl_create_continuous_resolver_bypred(String pred, double forgetAfter);

    static native int lsl_resolver_results(Pointer resolver, Pointer buffer, int bufferElements);

    static native void lsl_destroy_continuous_resolver(Pointer resolver);
}
