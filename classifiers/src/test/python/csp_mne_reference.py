#!/usr/bin/python3
"""Writes classifiers/src/test/resources/csp_mne_S001.json: MNE's CSP on EEGMMIDB S001 imagined runs.

Preprocessing as `neuroloop evaluate mi`: scipy butter(4, [8, 30], band, fs, sos) + sosfilt from zero state per
recording, epochs [onset_sample + round(tmin*fs), + round((tmax-tmin)*fs)) with onset_sample = round(onset_s*fs),
trials in ../shared/folds/S001_imagined.json order. Then
 - mne.decoding.CSP(n_components=4, log=True) fitted on all 45 epochs: filters_ and log-power features;
 - CSP(4)+LDA scored on the folds of the folds file (accuracy and ROC AUC per fold).
Run from the repository root: /usr/bin/python3 classifiers/src/test/python/csp_mne_reference.py
Needs Debian's python3-mne (1.3) and python3-sklearn (1.2.1).
"""
import json
import os

import mne
import numpy as np
import scipy
import scipy.signal
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline

mne.set_log_level("error")
ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, '..', 'resources', 'csp_mne_S001.json')
FOLDS = '../shared/folds/S001_imagined.json'
TMIN, TMAX, BAND = 0.5, 2.5, (8.0, 30.0)

folds = json.load(open(FOLDS))
fs = folds['fs']
filtered = {}
names = None
for f in folds['files']:
    raw = mne.io.read_raw_edf(os.path.join('../shared/data', f), preload=True, verbose='error')
    names = raw.ch_names
    data = raw.get_data() * 1e6  # µV, as the EDF stores them
    sos = scipy.signal.butter(4, BAND, btype='bandpass', fs=fs, output='sos')
    filtered[os.path.basename(f)] = scipy.signal.sosfilt(sos, data, axis=1)
start_off = int(round(TMIN * fs))
length = int(round((TMAX - TMIN) * fs))
X = np.array([filtered[t['file']][:, t['onset_sample'] + start_off: t['onset_sample'] + start_off + length]
              for t in folds['trials']])
y = np.array([t['label'] for t in folds['trials']])

csp = mne.decoding.CSP(n_components=4, log=True)
features = csp.fit_transform(X, y)

acc, auc = [], []
for repeat in folds['fold_of_trial']:
    repeat = np.array(repeat)
    for k in range(repeat.max() + 1):
        test = repeat == k
        clf = make_pipeline(mne.decoding.CSP(n_components=4, log=True), LinearDiscriminantAnalysis())
        clf.fit(X[~test], y[~test])
        acc.append(float(np.mean(clf.predict(X[test]) == y[test])))
        auc.append(float(roc_auc_score(y[test], clf.predict_proba(X[test])[:, 1])))

json.dump({
    'about': 'mne.decoding.CSP(n_components=4, log=True) on EEGMMIDB S001 R04/R08/R12 (µV), butter(4,[8,30]) sosfilt '
             'zero state per file, window 0.5-2.5 s, trials of ' + FOLDS + '; cv = CSP(4)+LDA() per fold of that file',
    'generator': 'mne %s, scikit-learn %s, scipy %s, numpy %s' % (mne.__version__, sklearn.__version__, scipy.__version__,
                                                                   np.__version__),
    'channels': names,
    'labels': y.tolist(),
    'epoch0_first_samples': X[0, :, :5].tolist(),
    'filters': csp.filters_[:4].tolist(),
    'features': features.tolist(),
    'cv_accuracy': acc,
    'cv_auc': auc,
    'cv_accuracy_mean': float(np.mean(acc)),
    'cv_accuracy_std': float(np.std(acc)),
    'cv_auc_mean': float(np.mean(auc)),
}, open(OUT, 'w'), indent=1)
print('wrote', OUT, 'cv accuracy %.4f ± %.4f, auc %.4f' % (np.mean(acc), np.std(acc), np.mean(auc)))
