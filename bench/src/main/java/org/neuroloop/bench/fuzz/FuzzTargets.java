package org.neuroloop.bench.fuzz;

import java.util.List;
import java.util.stream.Collectors;

/** Every parser {@code neuroloop fuzz} and the fuzz tests know, by name. */
public final class FuzzTargets {
    private static final List<FuzzTarget> ALL = List.of(
            new RecordingFuzzTarget("xdf", ".xdf", "formats/xdf", SeedFiles::xdfChunks, List.of()),
            new RecordingFuzzTarget("edf", ".edf", "formats/edf", SeedFiles::edfRecords, List.of()),
            new RecordingFuzzTarget("bdf", ".bdf", "formats/bdf", SeedFiles::edfRecords, List.of()),
            new RecordingFuzzTarget("gdf", ".gdf", "formats/gdf", SeedFiles::prefix, List.of()),
            new RecordingFuzzTarget(
                    "text",
                    ".txt",
                    "sleep/dreams_spindles",
                    SeedFiles::prefix,
                    List.of("[C3-A1]\n1.5\n-2\n\n3e2\n", "0\n1\n2\n3\n", "  12.25  \r\n-0.5\r\n")),
            new BrainVisionFuzzTarget(),
            new SessionConfigFuzzTarget(),
            new LslApiConfigFuzzTarget(),
            new LslStreamInfoFuzzTarget(),
            new LslSampleFuzzTarget(),
            new LslFeedHandshakeFuzzTarget());

    private FuzzTargets() {}

    public static List<FuzzTarget> all() {
        return ALL;
    }

    /** The target called {@code name}; {@link IllegalArgumentException} listing the names otherwise. */
    public static FuzzTarget byName(String name) {
        return ALL.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fuzz target '" + name + "'; targets: " + names()));
    }

    public static String names() {
        return ALL.stream().map(FuzzTarget::name).collect(Collectors.joining(", "));
    }
}
