package org.neuroloop.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroloop.ingest.recording.BrainVisionReader;
import org.neuroloop.ingest.recording.RecordingFormatException;
import org.neuroloop.ingest.recording.RecordingSummary;

/**
 * BrainVision's three files in one input: header {@code NUL} marker file {@code NUL} binary data. They are
 * written as {@code input.vhdr}, {@code input.vmrk} and {@code input.eeg} (a part left out is a missing file);
 * seeds name those files in their {@code DataFile=} and {@code MarkerFile=} lines.
 */
final class BrainVisionFuzzTarget implements FuzzTarget {
    private static final Pattern DATA_FILE = Pattern.compile("(?im)^DataFile=.*$");
    private static final Pattern MARKER_FILE = Pattern.compile("(?im)^MarkerFile=(.*)$");
    private static final Pattern CHANNELS = Pattern.compile("(?im)^NumberOfChannels=\\s*(\\d+)");

    @Override
    public String name() {
        return "brainvision";
    }

    @Override
    public void parse(byte[] input) throws IOException {
        int first = indexOf(input, 0);
        int second = first < 0 ? -1 : indexOf(input, first + 1);
        Path vhdr = FuzzFiles.write("input.vhdr", slice(input, 0, first < 0 ? input.length : first));
        part("input.vmrk", input, first, second < 0 ? input.length : second);
        part("input.eeg", input, second, input.length);
        new RecordingSummary(BrainVisionReader.read(vhdr)).toMap();
    }

    @Override
    public boolean documented(Throwable failure) {
        return failure instanceof RecordingFormatException;
    }

    @Override
    public List<byte[]> seeds(Path sharedData, int maxLength) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path vhdr : SeedFiles.under(sharedData.resolve("formats").resolve("brainvision"), ".vhdr")) {
            String header = Files.readString(vhdr, StandardCharsets.UTF_8);
            Matcher m = MARKER_FILE.matcher(header);
            Path vmrk = m.find() ? vhdr.resolveSibling(m.group(1).strip()) : null;
            String markers =
                    vmrk != null && Files.isRegularFile(vmrk) ? Files.readString(vmrk, StandardCharsets.UTF_8) : "";
            header = MARKER_FILE
                    .matcher(DATA_FILE.matcher(header).replaceAll("DataFile=input.eeg"))
                    .replaceAll("MarkerFile=input.vmrk");
            markers = DATA_FILE.matcher(markers).replaceAll("DataFile=input.eeg");
            String dataName = vhdr.getFileName().toString().replaceFirst("(?i)\\.vhdr$", ".eeg");
            byte[] data = Files.readAllBytes(vhdr.resolveSibling(dataName));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(header.getBytes(StandardCharsets.UTF_8));
            b.write(0);
            b.writeBytes(markers.getBytes(StandardCharsets.UTF_8));
            b.write(0);
            int room = Math.max(0, maxLength - b.size());
            b.write(data, 0, wholeSamples(header, Math.min(room, data.length)));
            out.add(b.toByteArray());
        }
        return out;
    }

    /** {@code bytes} rounded down to whole multiplexed samples of the header's channels (4 bytes at most each). */
    private static int wholeSamples(String header, int bytes) {
        Matcher m = CHANNELS.matcher(header.toLowerCase(Locale.ROOT));
        int frame = m.find() ? 4 * Integer.parseInt(m.group(1)) : 4;
        return bytes - bytes % frame;
    }

    private static void part(String name, byte[] input, int separator, int end) throws IOException {
        if (separator < 0) {
            FuzzFiles.delete(name);
        } else {
            FuzzFiles.write(name, slice(input, separator + 1, end));
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }
}
