/**
 * Timestamp post-processing stages in the style of liblsl's {@code time_postprocessor.cpp}, pure and network-free:
 * {@link org.neuroloop.lsl4j.time.ClockOffsetCorrector} (time_correction, refreshed and smoothed),
 * {@link org.neuroloop.lsl4j.time.ClockJumpDetector}, {@link org.neuroloop.lsl4j.time.RlsDejitter} (recursive least
 * squares of timestamp vs. sample index with a half-time forgetting factor),
 * {@link org.neuroloop.lsl4j.time.Monotonizer},
 * composed by {@link org.neuroloop.lsl4j.time.TimestampPipeline} (NeuroLoop's LSL source) or used one by one by
 * {@link org.neuroloop.lsl4j.StreamInlet}'s processing flags.
 */
package org.neuroloop.lsl4j.time;
