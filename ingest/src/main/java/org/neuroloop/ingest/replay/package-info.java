/**
 * Replay of a {@link org.neuroloop.ingest.recording.Recording} with its own timestamps: a pure, resumable
 * {@link org.neuroloop.ingest.replay.ReplaySchedule} of chunks and markers in time order, and a
 * {@link org.neuroloop.ingest.replay.ReplayPacer} that releases them in real time, at a factor, or at once. The
 * Flink source ({@code org.neuroloop.ingest.flink.RecordingSource}) and the LSL player
 * ({@code org.neuroloop.ingest.player.LslPlayer}) are thin shells around these two.
 */
package org.neuroloop.ingest.replay;
