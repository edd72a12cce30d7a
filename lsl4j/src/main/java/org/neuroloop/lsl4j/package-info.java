/**
 * lsl4j: the Lab Streaming Layer (protocol 1.10) in pure Java, with pylsl's names: {@link
 * org.neuroloop.lsl4j.StreamInfo}, {@link org.neuroloop.lsl4j.StreamOutlet}, {@link org.neuroloop.lsl4j.StreamInlet},
 * {@link org.neuroloop.lsl4j.StreamResolver} ({@code resolveStreams}, {@code resolveByProp}, {@code resolveByPred}),
 * {@link org.neuroloop.lsl4j.ContinuousResolver}, {@link org.neuroloop.lsl4j.Lsl#localClock()}, and the lost and
 * timeout exceptions. Any liblsl peer (LabRecorder, pylsl, MNE-LSL, an amplifier's app) discovers, reads and feeds it.
 *
 * <p>Settings come from {@code lsl_api.cfg} as in liblsl ({@link org.neuroloop.lsl4j.LslConfig}); without a file
 * nothing leaves this machine. No Flink, JNA or native code: the JDK and slf4j only.
 */
package org.neuroloop.lsl4j;
