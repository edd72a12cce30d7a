/**
 * Our own JNA binding of liblsl (Lab Streaming Layer), written from the C API ({@code lsl_c.h}).
 *
 * <ul>
 *   <li>{@link org.neuroloop.ingest.lsl.Lsl}: loads the library (after {@link org.neuroloop.ingest.lsl.LoopbackConfig}
 *       checked that a loopback {@code lsl_api.cfg} will be used), {@code local_clock}, versions;</li>
 *   <li>{@link org.neuroloop.ingest.lsl.StreamInfo} (+ {@link org.neuroloop.ingest.lsl.XmlElement} for {@code desc}),
 *       {@link org.neuroloop.ingest.lsl.StreamOutlet}, {@link org.neuroloop.ingest.lsl.StreamInlet},
 *       {@link org.neuroloop.ingest.lsl.StreamResolver}, {@link org.neuroloop.ingest.lsl.ContinuousResolver}: each owns
 *       its native handle, is {@link java.lang.AutoCloseable}, and has a {@link java.lang.ref.Cleaner} as a safety net.</li>
 * </ul>
 * Hot calls (push/pull chunk, local_clock) are direct-mapped ({@code Native.register}) and go through per-object
 * native scratch buffers, so steady-state pushing and pulling allocates nothing per sample. Samples are sample-major
 * ({@code data[i * channels + c]}), timestamps LSL-clock seconds (CLOCK_MONOTONIC on Linux = {@code System.nanoTime()}).
 */
package org.neuroloop.ingest.lsl;
