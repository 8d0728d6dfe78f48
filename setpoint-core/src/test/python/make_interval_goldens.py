#!/usr/bin/python3
"""Generates the SciPy golden values that BinomialIntervalGoldenTest pins dev.setpoint.stats against.

Run with Debian's Python and SciPy (apt-get install python3-scipy), from the repository root:

    /usr/bin/python3 setpoint-core/src/test/python/make_interval_goldens.py

It writes setpoint-core/src/test/resources/goldens/binomial_intervals.json. The references are SciPy's:

- Clopper-Pearson: the Beta quantiles of the definition, scipy.stats.beta.ppf / beta.isf (Boost's
  ibeta_inv, accurate to a few ulps). SciPy's binomtest(k, n).proportion_ci(method="exact") finds the
  same bounds with brentq at xtol=2e-12, too coarse for a 1e-12 relative check of small bounds; it is
  computed as well and must agree with the quantiles to 1e-9 relative, as an independent cross-check.
- Wilson: binomtest(k, n).proportion_ci(confidence, method="wilson") (no continuity correction);
  one-sided lower bounds with binomtest(..., alternative="greater"), whose interval is [lower, 1].
- Learn-then-Test p-values P(X >= k) for X ~ Binomial(n, p): scipy.stats.binom.sf(k - 1, n, p).

Floats are written with Python's repr (the shortest decimal that reads back as the same double).
Regenerate only when adding a case; the committed file is the reference.
"""
import json
import os

import scipy
import math

from scipy.stats import beta, binom, binomtest

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "goldens", "binomial_intervals.json")

COUNTS = [
    (0, 1), (1, 1), (0, 2), (1, 2), (2, 2), (0, 10), (3, 10), (10, 10), (12, 13), (50, 100),
    (95, 100), (99, 100), (0, 1000), (1, 1000), (999, 1000), (4567, 10000), (59, 59), (92, 93),
    (253, 260), (1105, 1150), (1, 1000000), (999999, 1000000), (123456, 1000000),
]
CONFIDENCES = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999999]
METHODS = {"CLOPPER_PEARSON": "exact", "WILSON": "wilson"}


def clopper_pearson(k, n, confidence):
    """Two-sided bounds and the one-sided lower bound from the Beta quantiles."""
    alpha = 1 - confidence
    lower = 0.0 if k == 0 else beta.ppf(alpha / 2, k, n - k + 1)
    upper = 1.0 if k == n else beta.isf(alpha / 2, k + 1, n - k)
    one_sided = 0.0 if k == 0 else beta.ppf(alpha, k, n - k + 1)
    return float(lower), float(upper), float(one_sided)
P_VALUE_CASES = [
    # (k = true positives, n = flagged, p = precision target)
    (59, 59, 0.95), (58, 59, 0.95), (92, 93, 0.95), (253, 260, 0.95), (1105, 1150, 0.95),
    (0, 10, 0.9), (1, 1, 0.9), (10, 10, 0.9), (30, 30, 0.9), (180, 200, 0.9), (195, 200, 0.9),
    (9000, 10000, 0.9), (9100, 10000, 0.9), (5, 10, 0.5), (1, 1000000, 1e-6),
    (999990, 1000000, 0.99999),
]


def main():
    intervals = []
    for k, n in COUNTS:
        for confidence in CONFIDENCES:
            for name, method in METHODS.items():
                two = binomtest(k, n).proportion_ci(confidence_level=confidence, method=method)
                one = binomtest(k, n, alternative="greater").proportion_ci(
                    confidence_level=confidence, method=method)
                lower, upper, one_sided = float(two.low), float(two.high), float(one.low)
                if name == "CLOPPER_PEARSON":
                    quantiles = clopper_pearson(k, n, confidence)
                    for found, exact in zip((lower, upper, one_sided), quantiles):
                        assert math.isclose(found, exact, rel_tol=1e-9, abs_tol=1e-11), (k, n, found, exact)
                    lower, upper, one_sided = quantiles
                intervals.append({
                    "method": name, "successes": k, "trials": n, "confidence": confidence,
                    "lower": lower, "upper": upper, "oneSidedLower": one_sided,
                })
    p_values = [{"successes": k, "trials": n, "target": p, "pValue": float(binom.sf(k - 1, n, p))}
                for k, n, p in P_VALUE_CASES]
    doc = {
        "generator": "setpoint-core/src/test/python/make_interval_goldens.py",
        "scipy": scipy.__version__,
        "intervals": intervals,
        "pValues": p_values,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(intervals)} intervals and {len(p_values)} p-values to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
