/**
 * The endpoints of the Lab Streaming Layer protocol 1.10, written from {@code ../shared/lsl/PROTOCOL.md} and the
 * liblsl captures there; {@link org.neuroloop.lsl4j} builds its pylsl-style API on them.
 *
 * <ul>
 *   <li>{@link org.neuroloop.lsl4j.wire.WireOutlet}: serves a stream (discovery answers on its UDP service port and
 *       on the multicast port, fullinfo/shortinfo/streamfeed on its TCP data port, clock probes); a push is written to
 *       every consumer's socket by the pushing thread itself.</li>
 *   <li>{@link org.neuroloop.lsl4j.wire.WireInlet}: reads a resolved stream; a pull waits on the socket in the
 *       caller's thread and returns the moment a sample's bytes are in; clock offset through
 *       {@link org.neuroloop.lsl4j.wire.TimeCorrectionProbe}.</li>
 *   <li>{@link org.neuroloop.lsl4j.wire.SampleCodec}: the binary sample format and the test patterns.</li>
 * </ul>
 * Why no queue threads: liblsl 1.10 hands every sample to a thread that sleep-polls its queue once per millisecond,
 * on both the sending and the receiving side, which alone costs more than the closed loop's 1 ms budget. Both ends
 * interoperate with real liblsl in both directions (tests against liblsl 1.10; the protocol is the one liblsl 1.17
 * still speaks). Scope: IPv4, protocol 1.10 only (no 1.00 feeds), little-endian data.
 */
package org.neuroloop.lsl4j.wire;
