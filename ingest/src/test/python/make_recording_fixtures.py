#!/usr/bin/python3
"""Writes reference values for the recording readers' tests, read independently with MNE-Python.

Run from the repository root with Debian's MNE (apt-get install -y python3-mne):
    /usr/bin/python3 ingest/src/test/python/make_recording_fixtures.py

For each file it writes ingest/src/test/resources/recording-fixtures/<file>.json with channel names, native
rates, sample counts, a few sample values per channel, annotations, and for BDF Status channels the trigger events. Channels stored at a lower rate than the file's
highest rate are listed without values because MNE resamples them.

Values: for EDF/BDF/GDF they are in the unit written in the file ("unit"), i.e. MNE's data divided by the
scale MNE applied to that channel (so the test does not depend on how MNE interprets e.g. DREAMS' "UV"/"MV");
for BrainVision they are microvolts (MNE's volts times 1e6, "unit": "uV"). Stim channels are raw digital values.

Time axis: MNE's raw.times start at 0 at the first sample, and MNE 1.3 subtracts the first time-keeping TAL
from EDF+ annotation onsets, the same axis the Java readers use.
"""
import json
import os
import sys

import numpy as np
import mne

mne.set_log_level("ERROR")
DATA = os.path.join("..", "shared", "data")
OUT = os.path.join("ingest", "src", "test", "resources", "recording-fixtures")


def values_at(x, idx):
    return [float(x[i]) for i in idx]


def describe_raw(raw, native_counts=None, stim=(), file_units=True):
    n = raw.n_times
    idx = sorted(set(int(i) for i in [0, 1, 2, n // 2, n - 1] if i < n)) if n > 0 else []
    orig = raw._orig_units if hasattr(raw, "_orig_units") else {}
    factors = raw._raw_extras[0]["units"] if file_units else None
    chans = []
    data = raw.get_data()
    for ci, name in enumerate(raw.ch_names):
        unit = orig.get(name, "")
        entry = {"name": name, "unit": unit if file_units else "uV"}
        if native_counts is not None and native_counts.get(name, n) != n:
            entry["resampled_by_mne"] = True
            chans.append(entry)
            continue
        if name in stim:
            scale = 1.0
            entry["unit"] = ""
        elif file_units:
            scale = 1.0 / factors[ci]
        else:
            scale = 1e6
        entry["index"] = idx
        entry["values"] = values_at(data[ci] * scale, idx)
        chans.append(entry)
    ann = raw.annotations
    return {
        "sfreq": float(raw.info["sfreq"]),
        "n_times": int(n),
        "channels": chans,
        "annotations": annotations(ann),
    }


def annotations(ann):
    counts = {}
    for d in ann.description:
        counts[d] = counts.get(d, 0) + 1
    return {
        "count": len(ann),
        "onsets": [float(x) for x in ann.onset[:5]],
        "durations": [float(x) for x in ann.duration[:5]],
        "descriptions": [str(x) for x in ann.description[:5]],
        "last_onset": float(ann.onset[-1]) if len(ann) else None,
        "counts": counts,
    }


def edf_native_counts(path):
    with open(path, "rb") as f:
        head = f.read(256)
        ns = int(head[252:256])
        sig = f.read(256 * ns)
    labels = [sig[i * 16:(i + 1) * 16].decode("latin-1").strip() for i in range(ns)]
    off = ns * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80)
    counts = [int(sig[off + i * 8: off + (i + 1) * 8]) for i in range(ns)]
    nrec = int(head[236:244])
    return {l: c * nrec for l, c in zip(labels, counts)}


def write(name, obj):
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    edfs = [os.path.join("formats", "edf", f) for f in sorted(os.listdir(os.path.join(DATA, "formats", "edf")))]
    edfs += [os.path.join("mi", "eegmmidb", "S001R04.edf"), os.path.join("sleep", "dreams_spindles", "excerpt3.edf")]
    for rel in edfs:
        path = os.path.join(DATA, rel)
        raw = mne.io.read_raw_edf(path, stim_channel=None, preload=True, infer_types=False)
        d = describe_raw(raw, edf_native_counts(path))
        d["file"] = rel
        write(os.path.basename(rel), d)
    for f in sorted(os.listdir(os.path.join(DATA, "formats", "bdf"))):
        rel = os.path.join("formats", "bdf", f)
        path = os.path.join(DATA, rel)
        has_status = "Status" in mne.io.read_raw_bdf(path, stim_channel=None, preload=False).ch_names
        raw = mne.io.read_raw_bdf(path, stim_channel="Status" if has_status else None, preload=True,
                                  infer_types=False)
        d = describe_raw(raw, edf_native_counts(path), stim=("Status",) if has_status else ())
        d["file"] = rel
        if has_status:
            ev = mne.find_events(raw, stim_channel="Status", consecutive=True, shortest_event=1,
                                 mask=0xFFFF, mask_type="and", initial_event=True)
            d["stim_events"] = {"count": int(len(ev)), "first": ev[:5].tolist(), "last": ev[-1].tolist(),
                                "values": sorted(set(int(v) for v in ev[:, 2]))}
        write(f, d)
    hyp = os.path.join("sleep", "sleep-edf", "SC4001EC-Hypnogram.edf")
    write(os.path.basename(hyp), {"file": hyp, "annotations": annotations(mne.read_annotations(os.path.join(DATA, hyp)))})
    gdf = os.path.join("formats", "gdf", "test_1ch.gdf")
    raw = mne.io.read_raw_gdf(os.path.join(DATA, gdf), preload=True)
    d = describe_raw(raw)
    d["file"] = gdf
    write("test_1ch.gdf", d)
    for f in ["Analyzer_nV_Export.vhdr", "test_NO.vhdr"]:
        rel = os.path.join("formats", "brainvision", f)
        raw = mne.io.read_raw_brainvision(os.path.join(DATA, rel), preload=True)
        d = describe_raw(raw, file_units=False)
        d["file"] = rel
        write(f, d)
    for rel in [os.path.join("sleep", "dreams_spindles", "excerpt3.txt"),
                os.path.join("sleep", "yasa", "data_N2_spindles_15sec_200Hz.txt")]:
        with open(os.path.join(DATA, rel), encoding="utf-8") as f:
            first = f.readline().strip()
        skip = 1 if first.startswith("[") else 0
        x = np.loadtxt(os.path.join(DATA, rel), skiprows=skip)
        write(os.path.basename(rel), {"file": rel, "label": first[1:-1] if skip else None, "count": int(len(x)),
                                      "first": float(x[0]), "last": float(x[-1]), "sum": float(np.sum(x))})
    print("wrote fixtures to", OUT, "with MNE", mne.__version__, file=sys.stderr)


if __name__ == "__main__":
    main()
