package org.neuroloop.ingest.recording;

/**
 * One ordinary (non-annotation) signal of an EDF/BDF file, fully read: {@code values[records * samplesPerRecord]}
 * in physical units, voltages converted to µV (so {@link #unit()} is {@code uV} for them); a BioSemi
 * {@code Status} channel keeps its raw digital values.
 *
 * @param header the signal's header
 * @param rate samples per second ({@code samplesPerRecord / recordDuration})
 * @param unit unit of {@code values}
 * @param values samples of all records, in order
 */
public record EdfSignal(EdfSignalHeader header, double rate, String unit, double[] values) {
    public String label() {
        return header.label();
    }
}
