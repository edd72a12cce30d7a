/**
 * The Lab Streaming Layer protocol 1.10 data path, written from {@code docs/lsl-protocol.md} and the liblsl captures
 * it describes; {@link org.neuroloop.lsl4j.StreamOutlet} and {@link org.neuroloop.lsl4j.StreamInlet} are built on it.
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
 * Why the data path writes and reads sockets directly rather than through queues: {@code docs/lsl-protocol.md},
 * "Why NeuroLoop carries its own data path". Both ends interoperate with real liblsl 1.10 in both directions (tests
 * in this module). IPv4, protocol 1.10 only (no 1.00 feeds), little-endian data.
 */
package org.neuroloop.lsl4j.wire;
