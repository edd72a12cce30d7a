/**
 * The Lab Streaming Layer protocol 1.10 in pure Java, written from {@code ../shared/lsl/PROTOCOL.md} and the liblsl
 * captures there: NeuroLoop's low-latency alternative to liblsl's data path
 * ({@link org.neuroloop.ingest.lsl.LslImplementation#WIRE}).
 *
 * <ul>
 *   <li>{@link org.neuroloop.lsl4j.wire.WireOutlet}: serves a stream (discovery answers on its UDP service port,
 *       fullinfo/shortinfo/streamfeed on its TCP data port, clock probes); a push is written to every consumer's socket
 *       by the pushing thread itself.</li>
 *   <li>{@link org.neuroloop.lsl4j.wire.WireInlet}: reads a stream resolved by liblsl's resolver; a pull waits on
 *       the socket in the caller's thread and returns the moment a sample's bytes are in; clock offset through
 *       {@link org.neuroloop.lsl4j.wire.TimeCorrectionProbe}.</li>
 *   <li>{@link org.neuroloop.lsl4j.wire.SampleCodec}: the binary sample format and the test patterns.</li>
 * </ul>
 * Why it exists: the liblsl we can ship (1.10, prebuilt in the npm package lsl.js) hands every sample to a thread
 * that sleep-polls its queue once per millisecond, on both the sending and the receiving side, which alone costs
 * more than the closed loop's 1 ms budget. Both ends interoperate with real liblsl in both directions (tests
 * against liblsl 1.10 here; the protocol is the one liblsl 1.17 still speaks). Scope: IPv4 on loopback only (every
 * socket is bound to 127.0.0.1), protocol 1.10 only (no 1.00 feeds), little-endian data, no multicast responder
 * (liblsl resolvers find the outlets through the loopback config's {@code KnownPeers} unicast sweep), no dejitter or
 * automatic recovery in the inlet (NeuroLoop's LSL source does both itself). Discovery stays with liblsl.
 */
package org.neuroloop.lsl4j.wire;
