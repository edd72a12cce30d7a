/**
 * Recording files in memory: one {@link org.neuroloop.ingest.recording.Recording} model (streams with timestamps and
 * interleaved samples in physical units, µV for voltages; string streams; annotations) for every format.
 *
 * <p>Readers: {@link org.neuroloop.ingest.recording.XdfReader} (XDF 1.0, clock offsets as pyxdf),
 * {@link org.neuroloop.ingest.recording.EdfReader} (EDF, EDF+C/D, BDF, BDF+),
 * {@link org.neuroloop.ingest.recording.GdfReader} (GDF 2.x), {@link org.neuroloop.ingest.recording.BrainVisionReader},
 * {@link org.neuroloop.ingest.recording.TextSignalReader}; {@link org.neuroloop.ingest.recording.Recordings#open}
 * picks one. Writers: {@link org.neuroloop.ingest.recording.XdfWriter}, {@link
 * org.neuroloop.ingest.recording.EdfWriter}.
 * Every reader checks sizes claimed by a header against the file before reading or allocating, and reports bad
 * input as a {@link org.neuroloop.ingest.recording.RecordingFormatException} with file, byte offset and expectation.
 * Pure Java I/O: no Flink here.
 */
package org.neuroloop.ingest.recording;
