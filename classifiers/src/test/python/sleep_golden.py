#!/usr/bin/python3
"""Golden values for org.neuroloop.classifiers.sleep: scipy sosfiltfilt (zero-phase reference) and the
endpoint-corrected Hilbert transform (Schreglmann et al. 2021) written directly from its definition with numpy FFTs.

Run from the repository root: /usr/bin/python3 classifiers/src/test/python/sleep_golden.py
Writes classifiers/src/test/resources/sleep_golden.json.
"""
import json
import numpy as np
import scipy.signal as ss

fs = 100.0
n = 1000
rng = np.random.default_rng(5)
t = np.arange(n) / fs
x = 50 * np.cos(2 * np.pi * 0.9 * t + 0.3) + 20 * np.sin(2 * np.pi * 13 * t) + 10 * rng.standard_normal(n) + 5

so = ss.butter(2, [0.5, 2], 'bandpass', fs=fs, output='sos')
sigma = ss.butter(2, [11, 16], 'bandpass', fs=fs, output='sos')


def echt(win, lo, hi):
    """ecHT phase of the window's last sample: analytic spectrum x causal band-pass response, inverse DFT."""
    win = win - np.mean(win)
    N = len(win)
    X = np.fft.fft(win)
    h = np.zeros(N)
    h[0] = 1
    if N % 2 == 0:
        h[1:N // 2] = 2
        h[N // 2] = 1
    else:
        h[1:(N + 1) // 2] = 2
    b, a = ss.butter(2, [lo, hi], 'bandpass', fs=fs)
    _, H = ss.freqz(b, a, worN=np.fft.fftfreq(N, 1 / fs), fs=fs)
    return float(np.angle(np.fft.ifft(X * h * H)[-1]))


ends = [200, 257, 400, 613, 999]
out = {
    "fs": fs,
    "x": x.tolist(),
    "sosfiltfilt_so_0.5_2": ss.sosfiltfilt(so, x).tolist(),
    "sosfiltfilt_sigma_11_16": ss.sosfiltfilt(sigma, x).tolist(),
    "reference_phase_0.5_2": np.angle(ss.hilbert(ss.sosfiltfilt(so, x))).tolist(),
    "echt_window": 200,
    "echt_ends": ends,
    "echt_phase_0.5_2": [echt(x[e - 200:e], 0.5, 2) for e in ends],
    "echt_phase_odd_window_151": [echt(x[e - 151:e], 0.5, 2) for e in ends],
    "versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__},
}
with open("classifiers/src/test/resources/sleep_golden.json", "w") as f:
    json.dump(out, f)
