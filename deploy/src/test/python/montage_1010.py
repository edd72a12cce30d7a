"""Writes the 10-10 electrode positions the HTML reports draw topographies with.

Source: MNE-Python 1.3's standard_1005.elc (BSD-3-Clause; Debian package python3-mne), positions in mm. Only the
10-10 labels are kept (no 10-5 "h" or four-letter labels), plus the old names T3/T4/T5/T6.

    python3 deploy/src/test/python/montage_1010.py /usr/lib/python3/dist-packages/mne/channels/data/montages/standard_1005.elc \
        > deploy/src/main/resources/org/neuroloop/deploy/report/montage-1010.tsv
"""
import re
import sys

lines = open(sys.argv[1]).read().splitlines()
start = lines.index('Positions') + 1
labels_at = lines.index('Labels') + 1
n = int(next(l for l in lines if l.startswith('NumberPositions')).split()[1])
pos = [tuple(float(v) for v in lines[start + i].split()) for i in range(n)]
labels = [lines[labels_at + i].strip() for i in range(n)]
keep = re.compile(r'^(Fp|AF|F|FT|FC|C|T|TP|CP|P|PO|O|I|N)(z|[0-9]{1,2})$')
print('# 10-10 positions from MNE 1.3 standard_1005.elc (mm); see deploy/src/test/python/montage_1010.py')
print('label\tx\ty\tz')
for label, (x, y, z) in zip(labels, pos):
    if keep.match(label):
        print(f'{label}\t{x:.4f}\t{y:.4f}\t{z:.4f}')
