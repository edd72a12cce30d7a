"""Extra golden cases for the dsp filter and spectral tests, beyond ../shared/fixtures.

Covers the zpk2sos pairing paths the shared fixtures do not (odd orders of low/high-pass and band-stop,
first order, high orders), sosfilt_zi, and odd-length FFT/Hilbert plus other Welch segmentations.
Run from the repository root with Debian's scipy:
    /usr/bin/python3 dsp/src/test/python/gen_dsp_extra.py
"""
import json
import numpy as np
import scipy
import scipy.signal as sig

rng = np.random.default_rng(20261122)

cases = []
for btype, order, cutoff, fs in [
    ("lowpass", 1, 30.0, 250.0), ("lowpass", 3, 40.0, 250.0), ("lowpass", 5, 12.5, 100.0),
    ("lowpass", 8, 100.0, 1000.0), ("lowpass", 2, 119.0, 240.0),
    ("highpass", 1, 0.1, 250.0), ("highpass", 3, 1.0, 256.0), ("highpass", 5, 8.0, 160.0),
    ("highpass", 6, 0.5, 500.0),
    ("bandpass", 1, [8.0, 13.0], 250.0), ("bandpass", 5, [1.0, 40.0], 250.0), ("bandpass", 6, [12.0, 15.0], 128.0),
    ("bandpass", 8, [0.3, 35.0], 200.0),
    ("bandstop", 1, [48.0, 52.0], 250.0), ("bandstop", 3, [45.0, 55.0], 500.0), ("bandstop", 4, [58.0, 62.0], 1000.0),
]:
    sos = sig.butter(order, cutoff, btype, fs=fs, output="sos")
    x = rng.standard_normal(300) + 3.0
    cases.append({
        "btype": btype, "order": order, "cutoff_hz": cutoff, "fs": fs,
        "sos": sos.tolist(), "sosfilt_zi": sig.sosfilt_zi(sos).tolist(),
        "x": x.tolist(), "y_steady_state_init": sig.sosfilt(sos, x, zi=sig.sosfilt_zi(sos) * x[0])[0].tolist(),
    })

spectral = {}
for n in (15, 16, 17, 100):
    x = rng.standard_normal(n)
    X = np.fft.rfft(x)
    a = sig.hilbert(x)
    spectral[f"n{n}"] = {"x": x.tolist(), "rfft_re": X.real.tolist(), "rfft_im": X.imag.tolist(),
                         "hilbert_re": a.real.tolist(), "hilbert_im": a.imag.tolist()}
welch = []
x = rng.standard_normal(1000) * 5 + np.sin(2 * np.pi * 10 * np.arange(1000) / 100.0) * 3 + 1.5
for nperseg, noverlap, fs in [(100, 50, 100.0), (99, 33, 100.0), (200, 0, 100.0), (64, 63, 100.0), (1000, 0, 100.0)]:
    f, p = sig.welch(x, fs=fs, window="hann", nperseg=nperseg, noverlap=noverlap, detrend="constant",
                     scaling="density", return_onesided=True)
    welch.append({"nperseg": nperseg, "noverlap": noverlap, "fs": fs, "f": f.tolist(), "psd": p.tolist()})

out = {
    "about": "scipy.signal.butter(..., output='sos'), sosfilt_zi, sosfilt with zi=sosfilt_zi*x[0]; numpy.fft.rfft and "
             "scipy.signal.hilbert of odd/even lengths; scipy.signal.welch(hann, constant detrend, density) of 'welch_x'",
    "generator": f"scipy {scipy.__version__}, numpy {np.__version__}",
    "butter": cases, "spectral": spectral, "welch_x": x.tolist(), "welch": welch,
}
with open("dsp/src/test/resources/dsp_extra.json", "w") as fh:
    json.dump(out, fh)
