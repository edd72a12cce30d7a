package org.neuroloop.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroloop.dsp.record.Marker;
import org.neuroloop.dsp.record.StreamMeta;

/** EDF/EDF+/BDF/BDF+ against values MNE-Python reads from the same files. */
class EdfReaderTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "formats/edf/chtypes_edf.edf",
                "formats/edf/pyedflib_test_generator.edf",
                "formats/edf/pyedflib_test_legacy.edf",
                "formats/edf/pyedflib_test_subsecond.edf",
                "formats/edf/pyedflib_test_utf8.edf",
                "formats/edf/subsecond_starttime.edf",
                "formats/edf/test_generator_2.edf",
                "formats/edf/test_reduced.edf",
                "formats/edf/test_utf8_annotations.edf",
                "mi/eegmmidb/S001R04.edf",
                "sleep/dreams_spindles/excerpt3.edf",
                "formats/bdf/multiple_annotation_chans.bdf",
                "formats/bdf/pyedflib_test_generator.bdf",
                "formats/bdf/pyedflib_test_generator_datarec_generator_0_5.bdf",
                "formats/bdf/pyedflib_test_generator_datarec_generator_2.bdf",
                "formats/bdf/test_bdf_stim_channel.bdf"
            })
    void signalsAndAnnotationsMatchMne(String rel) throws Exception {
        Path file = Fixtures.DATA.resolve(rel);
        JsonNode exp = Fixtures.expected(file.getFileName().toString());
        EdfReader.Contents c = EdfReader.readContents(file);
        Map<String, EdfSignal> byLabel = new HashMap<>();
        for (EdfSignal s : c.signals()) {
            byLabel.put(s.label(), s);
        }
        JsonNode channels = exp.get("channels");
        assertEquals(channels.size(), c.signals().size(), "ordinary signals of " + rel);
        for (int i = 0; i < channels.size(); i++) {
            JsonNode ch = channels.get(i);
            EdfSignal s = c.signals().get(i);
            assertEquals(ch.get("name").asText(), s.label().strip(), "label " + i + " of " + rel);
            if (ch.has("resampled_by_mne")) {
                continue;
            }
            assertEquals(exp.get("sfreq").asDouble(), s.rate(), 1e-9, "rate of " + s.label());
            assertEquals(exp.get("n_times").asInt(), s.values().length, "samples of " + s.label());
            double factor = s.header().isBioSemiStatus()
                    ? 1
                    : Fixtures.toMicrovolt(ch.get("unit").asText());
            for (int k = 0; k < ch.get("index").size(); k++) {
                int idx = ch.get("index").get(k).asInt();
                double want = ch.get("values").get(k).asDouble() * factor;
                double got = s.values()[idx];
                if (s.header().isBioSemiStatus()) {
                    // MNE keeps 17 bits of the Status word
                    got = ((long) got) & 0x1ffff;
                }
                assertEquals(want, got, 1e-9 * Math.max(1, Math.abs(want)), s.label() + "[" + idx + "] of " + rel);
            }
        }
        JsonNode ann = exp.get("annotations");
        assertEquals(ann.get("count").asInt(), c.annotations().size(), "annotations of " + rel);
        for (int k = 0; k < ann.get("onsets").size(); k++) {
            Annotation a = c.annotations().get(k);
            assertEquals(ann.get("onsets").get(k).asDouble(), a.onset(), 1e-6, "onset " + k);
            assertEquals(ann.get("durations").get(k).asDouble(), a.duration(), 1e-6, "duration " + k);
            assertEquals(ann.get("descriptions").get(k).asText(), a.label(), "label " + k);
        }
        Map<String, Integer> counts = new HashMap<>();
        c.annotations().forEach(a -> counts.merge(a.label(), 1, Integer::sum));
        ann.get("counts")
                .fields()
                .forEachRemaining(e -> assertEquals(e.getValue().asInt(), counts.get(e.getKey()), e.getKey()));
    }

    @Test
    void eegmmidbIsOne64ChannelStreamWithCueMarkers() throws Exception {
        Recording r = EdfReader.read(Fixtures.DATA.resolve("mi/eegmmidb/S001R04.edf"));
        assertEquals("edf+c", r.format());
        assertEquals(1, r.streams().size());
        RecordedStream eeg = r.mainStream().orElseThrow();
        assertEquals(64, eeg.channelCount());
        assertEquals(160, eeg.nominalRate());
        assertEquals(20000, eeg.sampleCount());
        assertEquals(0.0, eeg.timestamps()[0]);
        assertEquals(19999 / 160.0, eeg.timestamps()[19999], 1e-9);
        StreamMeta meta = eeg.meta("s1");
        assertEquals("s1", meta.sessionId());
        assertEquals(1, meta.indexOf("Fc3"));
        assertTrue(meta.units().stream().allMatch("uV"::equals));
        List<Marker> markers = r.markers("s1");
        assertEquals(30, markers.size());
        assertEquals("T0", markers.get(0).label());
        assertEquals(4.2, markers.get(1).timestamp(), 1e-9);
        assertEquals("T2", markers.get(1).label());
        assertEquals(4.1, markers.get(1).duration(), 1e-9);
    }

    @Test
    void subsecondStartIsTheFirstTimeKeepingTal() throws Exception {
        EdfReader.Contents c = EdfReader.readContents(Fixtures.DATA.resolve("formats/edf/pyedflib_test_utf8.edf"));
        assertEquals(0.3945312, c.startOffset(), 1e-12);
        // TAL "+120" with CJK text, 120 s after the header's start time
        Annotation cjk = c.annotations().stream()
                .filter(a -> a.label().equals("中文测试八个字"))
                .findFirst()
                .orElseThrow();
        assertEquals(120 - 0.3945312, cjk.onset(), 1e-9);
    }

    @Test
    void mixedRatesBecomeOneStreamPerRate() throws Exception {
        Recording r = EdfReader.read(Fixtures.DATA.resolve("formats/edf/test_reduced.edf"));
        assertTrue(r.streams().size() > 5);
        for (RecordedStream s : r.streams()) {
            assertTrue(s.name().startsWith("test_reduced@"), s.name());
            assertEquals(6 * s.nominalRate(), s.sampleCount(), 1e-9, s.name());
            assertEquals(1.0 / s.nominalRate(), s.timestamps()[1] - s.timestamps()[0], 1e-12);
        }
        int total = r.streams().stream().mapToInt(RecordedStream::channelCount).sum();
        assertEquals(139, total);
        assertEquals(512, r.mainStream().orElseThrow().nominalRate());
    }

    @Test
    void bdfStatusChangesBecomeMarkers() throws Exception {
        Path file = Fixtures.DATA.resolve("formats/bdf/test_bdf_stim_channel.bdf");
        JsonNode ev = Fixtures.expected("test_bdf_stim_channel.bdf").get("stim_events");
        Recording r = EdfReader.read(file);
        RecordedStream eeg = r.stream("test_bdf_stim_channel").orElseThrow();
        assertEquals(List.of("C3", "C4", "Cz"), eeg.channelLabels());
        RecordedStream stim = r.stream("test_bdf_stim_channel Status").orElseThrow();
        assertEquals("Stim", stim.type());
        assertEquals(ev.get("count").asInt(), r.annotations().size());
        for (int k = 0; k < ev.get("first").size(); k++) {
            JsonNode e = ev.get("first").get(k);
            Annotation a = r.annotations().get(k);
            assertEquals(e.get(0).asInt() / 500.0, a.onset(), 1e-9);
            assertEquals(Integer.toString(e.get(2).asInt()), a.label());
        }
    }

    @Test
    void annotationOnlyHypnogramHasNoStreams() throws Exception {
        Path file = Fixtures.DATA.resolve("sleep/sleep-edf/SC4001EC-Hypnogram.edf");
        JsonNode ann = Fixtures.expected("SC4001EC-Hypnogram.edf").get("annotations");
        Recording r = EdfReader.read(file);
        assertTrue(r.streams().isEmpty());
        assertEquals(ann.get("count").asInt(), r.annotations().size());
        assertEquals(
                ann.get("durations").get(0).asDouble(), r.annotations().get(0).duration(), 1e-9);
        assertEquals(
                ann.get("descriptions").get(1).asText(), r.annotations().get(1).label());
        assertEquals(
                ann.get("last_onset").asDouble(),
                r.annotations().get(r.annotations().size() - 1).onset(),
                1e-9);
        assertFalse(r.markers("x").isEmpty());
    }

    @Test
    void textSignalsMatchNumpy() throws Exception {
        for (String rel :
                List.of("sleep/dreams_spindles/excerpt3.txt", "sleep/yasa/data_N2_spindles_15sec_200Hz.txt")) {
            Path file = Fixtures.DATA.resolve(rel);
            JsonNode exp = Fixtures.expected(file.getFileName().toString());
            Recording r = rel.contains("excerpt3")
                    ? TextSignalReader.read(file, 50)
                    : TextSignalReader.read(file, TextSignalReader.rateFromName(file));
            RecordedStream s = r.streams().get(0);
            assertEquals(exp.get("count").asInt(), s.sampleCount());
            assertEquals(exp.get("first").asDouble(), s.samples()[0]);
            assertEquals(exp.get("last").asDouble(), s.samples()[s.sampleCount() - 1]);
            double sum = 0;
            for (double v : s.samples()) {
                sum += v;
            }
            assertEquals(exp.get("sum").asDouble(), sum, 1e-6);
            assertEquals(
                    exp.get("label").isNull() ? "EEG" : exp.get("label").asText(),
                    s.channelLabels().get(0));
        }
        assertEquals(200, TextSignalReader.rateFromName(Path.of("data_N2_spindles_15sec_200Hz.txt")));
        assertArrayEquals(
                new double[] {0, 0.02},
                Arrays.copyOf(
                        TextSignalReader.read(Fixtures.DATA.resolve("sleep/dreams_spindles/excerpt3.txt"), 50)
                                .streams()
                                .get(0)
                                .timestamps(),
                        2));
    }
}
