#!/usr/bin/python3
"""Golden edge cases for the covariance estimators (scikit-learn's ledoit_wolf / oas, numpy's cov(bias=1)).

Writes dsp/src/test/resources/covariance_edge_cases.json. Run from the repository root with Debian's
python3-sklearn:  /usr/bin/python3 dsp/src/test/python/covariance_edge_cases.py
Each case is an epoch of channels x samples (pyRiemann layout); sklearn gets its transpose (samples x features).
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.covariance import ledoit_wolf, oas

rng = np.random.default_rng(20261122)


def case(name, x):
    x = np.asarray(x, dtype=float)
    lw, lw_shrink = ledoit_wolf(x.T)
    oas_cov, oas_shrink = oas(x.T)
    return {
        "name": name,
        "epoch": x.tolist(),
        "scm": np.cov(x, bias=True).reshape(x.shape[0], x.shape[0]).tolist(),
        "lwf": np.atleast_2d(lw).tolist(),
        "lwf_shrinkage": float(lw_shrink),
        "oas": np.atleast_2d(oas_cov).tolist(),
        "oas_shrinkage": float(oas_shrink),
    }


mixing = rng.standard_normal((30, 30))
cases = [
    # More channels than samples: the SCM is singular, shrinkage is large.
    case("more_channels_than_samples", mixing @ rng.standard_normal((30, 20))),
    # Large DC offsets (raw amplifier data): centring must not cancel digits.
    case("dc_offsets", 1e4 * rng.standard_normal((6, 1)) + rng.standard_normal((6, 300))),
    # Two samples: Ledoit-Wolf estimates no shrinkage.
    case("two_samples", rng.standard_normal((4, 2))),
    # Strongly correlated channels of very different scales.
    case("correlated_scales", np.diag([1e-3, 1.0, 1e3]) @ (np.array([[1, 0.9, 0.8], [0.9, 1, 0.7], [0.8, 0.7, 1]])
                                                           @ rng.standard_normal((3, 500)))),
]

out = {
    "about": "Covariance edge cases: scm = np.cov(X, bias=True); lwf, lwf_shrinkage = sklearn.covariance.ledoit_wolf(X.T);"
             " oas, oas_shrinkage = sklearn.covariance.oas(X.T); X is channels x samples",
    "generator": f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, python {sys.version.split()[0]}",
    "cases": cases,
}
with open("dsp/src/test/resources/covariance_edge_cases.json", "w") as f:
    json.dump(out, f)
print("wrote", len(cases), "cases")
