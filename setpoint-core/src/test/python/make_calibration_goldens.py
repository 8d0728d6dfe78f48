#!/usr/bin/python3
"""Generates the scikit-learn golden vectors that the calibration tests pin Setpoint against.

Run with Debian's Python and scikit-learn 1.2.1 (apt-get install python3-sklearn), from the repository
root -- not a pyenv or virtualenv python3 that may carry another scikit-learn:

    /usr/bin/python3 setpoint-core/src/test/python/make_calibration_goldens.py

It writes setpoint-core/src/test/resources/goldens/calibration/{platt,isotonic,reliability}.json.
Floats are written with Python's repr, the shortest decimal that reads back as the same double.
Regenerate only when adding a case; the committed files are the reference.

What each file holds:

- platt.json: per case, scikit-learn's ``sklearn.calibration._sigmoid_calibration`` (the function
  ``CalibratedClassifierCV(method="sigmoid")`` calls) -> (a, b), and an independent reference optimum of
  the same objective found by Newton's method in numpy's 80-bit long double. scipy's BFGS stops at a
  gradient norm of 1e-5, so sklearn's (a, b) is the optimum only to about 1e-6; the long-double
  reference is the optimum to float64 precision.
- isotonic.json: per case, ``IsotonicRegression(out_of_bounds="clip").fit(s, y, sample_weight)``'s
  ``X_thresholds_``, ``y_thresholds_`` and ``predict(grid)``.
- reliability.json: per case, ``calibration_curve(y, p, n_bins, strategy)``, the bin edges it used,
  the per-bin row counts (``np.bincount`` as calibration_curve computes them, empty bins included), the
  expected calibration error from those numbers, and ``brier_score_loss``.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.calibration import _sigmoid_calibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources")
OUT = os.path.join(RESOURCES, "goldens", "calibration")


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64)]


def load(file_name):
    data = np.genfromtxt(os.path.join(RESOURCES, "data", file_name), delimiter=",", names=True)
    return data["score"].astype(np.float64), data["label"].astype(np.int64)


def header():
    return {
        "generator": "setpoint-core/src/test/python/make_calibration_goldens.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
    }


def inputs(s, y, w, data_file):
    return {
        "dataFile": data_file,
        "scores": None if data_file else floats(s),
        "labels": None if data_file else [int(v) for v in y],
        "weights": None if w is None else floats(w),
    }


def platt_reference(s, y, w):
    """Newton's method on Platt's objective in long double, from Platt's starting point."""
    ld = np.longdouble
    w = np.ones_like(s) if w is None else w
    f = s.astype(ld)
    w = w.astype(ld)
    pos = w[y > 0].sum()
    neg = w[y <= 0].sum()
    t = np.where(y > 0, (pos + 1) / (pos + 2), 1 / (neg + 2)).astype(ld)

    def loss(a, b):
        z = a * f + b
        # -(t log p + (1-t) log(1-p)) with p = 1/(1+e^z), written without overflow.
        return (w * (np.logaddexp(ld(0), z) - (1 - t) * z)).sum()

    a, b = ld(0), np.log((neg + 1) / (pos + 1))
    for _ in range(200):
        p = 1 / (1 + np.exp(a * f + b))
        d1 = w * (t - p)
        g = np.array([(d1 * f).sum(), d1.sum()])
        d2 = w * p * (1 - p)
        h = np.array([[(d2 * f * f).sum(), (d2 * f).sum()], [(d2 * f).sum(), d2.sum()]])
        det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0]
        da = -(h[1, 1] * g[0] - h[0, 1] * g[1]) / det
        db = -(-h[1, 0] * g[0] + h[0, 0] * g[1]) / det
        step = ld(1)
        current = loss(a, b)
        while step > 1e-12 and loss(a + step * da, b + step * db) > current:
            step /= 2
        a, b = a + step * da, b + step * db
        if abs(step * da) <= 1e-19 * (1 + abs(a)) and abs(step * db) <= 1e-19 * (1 + abs(b)):
            break
    return float(a), float(b)


def platt_case(name, s, y, w=None, data_file=None, note=""):
    a, b = _sigmoid_calibration(s, y, sample_weight=w)
    ra, rb = platt_reference(s, y, w)
    return {"name": name, "note": note, **inputs(s, y, w, data_file),
            "sklearn": {"a": float(a), "b": float(b)},
            "reference": {"a": ra, "b": rb}}


def isotonic_case(name, s, y, w=None, data_file=None, note=""):
    model = IsotonicRegression(out_of_bounds="clip").fit(s, y, sample_weight=w)
    knots = model.X_thresholds_
    grid = np.concatenate([np.linspace(-0.1, 1.1, 241), knots, (knots[1:] + knots[:-1]) / 2,
                           np.nextafter(knots, -np.inf), np.nextafter(knots, np.inf)])
    if data_file is None:
        grid = np.concatenate([grid, s])
    return {"name": name, "note": note, **inputs(s, y, w, data_file),
            "knotScores": floats(knots), "knotProbabilities": floats(model.y_thresholds_),
            "grid": floats(grid), "predicted": floats(model.predict(grid))}


def reliability_case(name, p, y, n_bins, strategy, data_file=None, note=""):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    # The edges and counts exactly as calibration_curve builds them (sklearn 1.2.1, lines 1022-1036).
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(ids, minlength=len(edges))[:n_bins]
    nonzero = total != 0
    ece = float(np.sum(total[nonzero] / len(p) * np.abs(prob_true - prob_pred)))
    return {"name": name, "note": note, **inputs(p, y, None, data_file),
            "bins": n_bins, "strategy": strategy, "edges": floats(edges),
            "rows": [int(c) for c in total],
            "probTrue": floats(prob_true), "probPred": floats(prob_pred),
            "expectedCalibrationError": ece, "brierScore": float(brier_score_loss(y, p))}


def write(kind, cases):
    with open(os.path.join(OUT, kind + ".json"), "w") as f:
        json.dump({**header(), "cases": cases}, f, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    bc = "breast_cancer_logreg_oof.csv"
    lc = "lending_club_bad_hgb_oof.csv"
    s_bc, y_bc = load(bc)
    s_lc, y_lc = load(lc)

    rng = np.random.default_rng(20261124)
    n = 60
    y_small = (rng.random(n) < 0.4).astype(np.int64)
    s_small = np.round(rng.normal(0.0 + 1.5 * y_small, 1.0), 1)  # ties on purpose
    w_small = np.round(rng.uniform(0, 2, n), 3)
    w_small[rng.random(n) < 0.1] = 0.0
    p_small = np.round(np.clip(rng.normal(0.3 + 0.4 * y_small, 0.2), 0, 1), 1)

    write("platt", [
        platt_case("breast_cancer_logreg_oof", s_bc, y_bc, data_file="data/" + bc,
                   note="real out-of-fold probabilities, 569 rows"),
        platt_case("lending_club_bad_hgb_oof", s_lc, y_lc, data_file="data/" + lc,
                   note="real out-of-fold probabilities, 9,857 rows, 5% positive"),
        platt_case("two_groups_closed_form", np.array([0.0, 0, 0, 0, 1, 1, 1, 1]),
                   np.array([1, 0, 0, 0, 1, 1, 1, 0]),
                   note="two scores, two parameters: the fit reproduces each group's mean target, "
                        "so A = -2 ln 2 and B = ln 2 exactly"),
        platt_case("weighted_with_ties", s_small, y_small, w=w_small,
                   note="seeded default_rng(20261124): 60 rows, scores rounded to 0.1, "
                        "fractional weights, 10% weight 0"),
        platt_case("decreasing", np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]),
                   np.array([1, 1, 1, 0, 1, 0, 0, 0]),
                   note="positives score low: the fitted A is positive"),
    ])
    write("isotonic", [
        isotonic_case("breast_cancer_logreg_oof", s_bc, y_bc, data_file="data/" + bc,
                      note="real out-of-fold probabilities, 569 rows"),
        isotonic_case("lending_club_bad_hgb_oof", s_lc, y_lc, data_file="data/" + lc,
                      note="real out-of-fold probabilities, 9,857 rows"),
        isotonic_case("ties_across_classes", np.array([0.9, 0.8, 0.8, 0.4, 0.1]),
                      np.array([1, 0, 1, 0, 1]), note="the docs/definitions.md running example"),
        isotonic_case("weighted_with_ties", s_small, y_small, w=w_small,
                      note="the Platt case's seeded rows: ties, fractional weights, weight 0"),
        isotonic_case("all_equal", np.array([0.3] * 6), np.array([1, 0, 1, 0, 0, 1]),
                      note="a single distinct score: a constant model"),
    ])
    write("reliability", [
        reliability_case("hand_example_uniform_2", np.array([0.1, 0.2, 0.3, 0.6, 0.7, 0.9, 0.95]),
                         np.array([0, 0, 1, 0, 1, 1, 1]), 2, "uniform",
                         note="the docs/definitions.md#reliability worked example"),
        reliability_case("breast_cancer_uniform_10", s_bc, y_bc, 10, "uniform",
                         data_file="data/" + bc),
        reliability_case("breast_cancer_quantile_10", s_bc, y_bc, 10, "quantile",
                         data_file="data/" + bc),
        reliability_case("lending_club_uniform_10", s_lc, y_lc, 10, "uniform",
                         data_file="data/" + lc, note="scores stop at 0.76: empty top bins"),
        reliability_case("lending_club_quantile_20", s_lc, y_lc, 20, "quantile",
                         data_file="data/" + lc),
        reliability_case("ties_quantile_10", p_small, y_small, 10, "quantile",
                         note="probabilities rounded to 0.1: coinciding quantile edges, empty bins"),
        reliability_case("ties_uniform_5", p_small, y_small, 5, "uniform",
                         note="probabilities on the inner edges 0.2, 0.4, ...: the lower bin"),
    ])


if __name__ == "__main__":
    main()
