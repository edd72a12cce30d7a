package org.neuroloop.closedloop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;
import org.neuroloop.dsp.spectral.PowerSpectrum;
import org.neuroloop.dsp.spectral.Welch;

/** Renders bursts to real WAV files and checks what a listener would get: length, loudness, pink spectrum. */
class PinkNoiseAudioTransportTest {
    @TempDir
    Path dir;

    static double[] readWav(Path file, float expectRate) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertEquals(expectRate, in.getFormat().getSampleRate());
            assertEquals(1, in.getFormat().getChannels());
            assertEquals(16, in.getFormat().getSampleSizeInBits());
            byte[] b = in.readAllBytes();
            double[] x = new double[b.length / 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8)) / 32767.0;
            }
            return x;
        }
    }

    static double rmsDbfs(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return 20 * Math.log10(Math.sqrt(s / x.length));
    }

    @Test
    void fiftyMillisecondBurstHasTheRequestedLengthAndLevel() throws Exception {
        WavFileTarget target = new WavFileTarget(dir);
        try (StimulationOutput out = new StimulationOutput(
                new PinkNoiseAudioTransport(new PinkNoiseBurst(0.050, -20.0, 0.005, 7), target))) {
            double cause = LslClock.now();
            StimulationAck ack =
                    out.deliver(new StimulationCommand("S#0", "S", "audio", "so-upstate", 1, 1, cause, cause, false));
            assertTrue(ack.ok() && ack.output().equals("audio"), ack.toString());
            double[] x = readWav(target.fileFor("S#0"), PinkNoiseBurst.SAMPLE_RATE);
            assertEquals(2205, x.length, "50 ms at 44.1 kHz");
            assertEquals(-20.0, rmsDbfs(x), 0.05, "RMS level");
            assertTrue(Math.abs(x[0]) < 0.01 && Math.abs(x[x.length - 1]) < 0.01, "ramped on and off");
        }
    }

    /** Pink noise: power density falls 10 dB per decade, i.e. log-log slope -1 (white would be 0, brown -2). */
    @Test
    void spectrumFallsWithSlopeMinusOne() throws Exception {
        WavFileTarget target = new WavFileTarget(dir);
        try (StimulationOutput out =
                new StimulationOutput(new PinkNoiseAudioTransport(new PinkNoiseBurst(4.0, -12.0, 0.01, 11), target))) {
            out.deliver(new StimulationCommand("long", "S", "audio", "test", 1, 1, 0, 0, false));
        }
        double[] x = readWav(target.fileFor("long"), PinkNoiseBurst.SAMPLE_RATE);
        assertEquals(-12.0, rmsDbfs(x), 0.05);
        PowerSpectrum psd = Welch.psd(x, PinkNoiseBurst.SAMPLE_RATE, 4096, 2048);
        // least-squares slope of log10 PSD against log10 f over 50 Hz .. 10 kHz
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int k = 0; k < psd.frequencies().length; k++) {
            double f = psd.frequencies()[k];
            if (f >= 50 && f <= 10_000) {
                double lx = Math.log10(f), ly = Math.log10(psd.density()[k]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                n++;
            }
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertEquals(-1.0, slope, 0.1, "log-log spectral slope");
    }

    @Test
    void shamCommandsWriteNothing() throws Exception {
        WavFileTarget target = new WavFileTarget(dir);
        try (StimulationOutput out =
                new StimulationOutput(new PinkNoiseAudioTransport(new PinkNoiseBurst(0.05, -20.0, 0.005, 7), target))) {
            StimulationAck ack = out.deliver(new StimulationCommand("S#1", "S", "audio", "x", 1, 1, 0, 0, true));
            assertEquals("sham", ack.detail());
            assertTrue(ack.ok());
        }
        assertTrue(!target.fileFor("S#1").toFile().exists(), "a sham command is logged, not played");
    }
}
