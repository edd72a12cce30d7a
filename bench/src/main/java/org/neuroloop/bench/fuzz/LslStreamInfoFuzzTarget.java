package org.neuroloop.bench.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuroloop.lsl4j.LslException;
import org.neuroloop.lsl4j.StreamInfo;
import org.neuroloop.lsl4j.wire.StreamEndpoint;

/**
 * Stream-info XML as a resolver or inlet receives it from a peer: {@link StreamInfo#fromXml} with its accessors,
 * and {@link StreamEndpoint#fromXml} (the data port and address an inlet connects to). Both document
 * {@link LslException}. Seeds are the info documents in the protocol captures ({@code ../shared/lsl/captures}).
 */
final class LslStreamInfoFuzzTarget implements FuzzTarget {
    private static final Pattern DOCUMENT = Pattern.compile("<\\?xml.*?</info>", Pattern.DOTALL);

    @Override
    public String name() {
        return "lsl-stream-info";
    }

    @Override
    public void parse(byte[] input) {
        String xml = new String(input, StandardCharsets.UTF_8);
        try (StreamInfo info = StreamInfo.fromXml(xml)) {
            info.name();
            info.channelCount();
            info.nominalRate();
            info.channelFormat();
            info.createdAt();
            info.v4dataPort();
            info.channelLabels();
            info.channelUnits();
        }
        StreamEndpoint.fromXml(xml).describe();
    }

    @Override
    public boolean documented(Throwable failure) {
        return failure instanceof LslException;
    }

    @Override
    public List<byte[]> seeds(Path sharedData, int maxLength) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path capture : SeedFiles.under(sharedData.resolveSibling("lsl").resolve("captures"), ".txt")) {
            Matcher m = DOCUMENT.matcher(Files.readString(capture, StandardCharsets.UTF_8));
            while (m.find()) {
                out.add(SeedFiles.prefix(m.group().getBytes(StandardCharsets.UTF_8), maxLength));
            }
        }
        return out;
    }
}
