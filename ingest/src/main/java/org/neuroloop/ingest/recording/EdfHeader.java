package org.neuroloop.ingest.recording;

import java.util.List;

/**
 * The fixed header of an EDF/EDF+/BDF/BDF+ file plus its signal headers.
 *
 * @param bdf true for BDF (24-bit samples), false for EDF (16-bit)
 * @param reserved the 44-byte reserved field: {@code EDF+C}, {@code EDF+D}, {@code BDF+C}, {@code 24BIT}, or blank
 * @param patient local patient identification (80 chars)
 * @param recordingId local recording identification (80 chars)
 * @param startDate {@code dd.mm.yy} as written
 * @param startTime {@code hh.mm.ss} as written
 * @param headerBytes bytes before the first data record, {@code 256 * (signals + 1)}
 * @param records number of data records (after resolving a header value of -1 from the file size)
 * @param recordDuration seconds per data record
 * @param signals one header per signal, in file order
 */
public record EdfHeader(
        boolean bdf,
        String reserved,
        String patient,
        String recordingId,
        String startDate,
        String startTime,
        int headerBytes,
        long records,
        double recordDuration,
        List<EdfSignalHeader> signals) {
    public EdfHeader {
        signals = List.copyOf(signals);
    }

    /** EDF+ or BDF+ (has annotation signals with time-keeping TALs). */
    public boolean isPlus() {
        return reserved.startsWith("EDF+") || reserved.startsWith("BDF+");
    }

    /** EDF+D / BDF+D: data records need not be contiguous; their onsets come from the time-keeping TALs. */
    public boolean isDiscontinuous() {
        return reserved.startsWith("EDF+D") || reserved.startsWith("BDF+D");
    }

    /** Bytes per sample: 2 for EDF, 3 for BDF. */
    public int bytesPerSample() {
        return bdf ? 3 : 2;
    }

    /** Bytes of one data record. */
    public long recordBytes() {
        long n = 0;
        for (EdfSignalHeader s : signals) {
            n += s.samplesPerRecord();
        }
        return n * bytesPerSample();
    }

    /** Short format name: edf, edf+c, edf+d, bdf, bdf+c, bdf+d. */
    public String formatName() {
        String base = bdf ? "bdf" : "edf";
        if (isDiscontinuous()) {
            return base + "+d";
        }
        return isPlus() ? base + "+c" : base;
    }
}
