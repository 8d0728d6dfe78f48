#!/usr/bin/python3
"""Generates the scikit-learn golden vectors that GoldenTest pins Setpoint's curve engine against.

Run with Debian's Python and scikit-learn (apt-get install python3-sklearn), from the repository root:

    /usr/bin/python3 setpoint-core/src/test/python/make_goldens.py

It writes setpoint-core/src/test/resources/goldens/<case>.json. Floats are written with Python's repr,
the shortest decimal that reads back as the same double, so Java parses exactly the values sklearn
produced. Regenerate only when adding a case; the committed files are the reference.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.metrics import (average_precision_score, precision_recall_curve, roc_auc_score,
                             roc_curve)
from sklearn.metrics._ranking import _binary_clf_curve

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources")
OUT = os.path.join(RESOURCES, "goldens")


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64)]


def case(name, scores, labels, weights=None, data_file=None, note=""):
    y = np.asarray(labels, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    precision, recall, pr_thresholds = precision_recall_curve(y, s, sample_weight=w)
    fpr, tpr, roc_thresholds = roc_curve(y, s, sample_weight=w, drop_intermediate=False)
    doc = {
        "name": name,
        "note": note,
        "generator": "setpoint-core/src/test/python/make_goldens.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "dataFile": data_file,
        "scores": None if data_file else floats(s),
        "labels": None if data_file else [int(v) for v in y],
        "weights": None if w is None else floats(w),
        "precisionRecallCurve": {
            "precision": floats(precision),
            "recall": floats(recall),
            "thresholds": floats(pr_thresholds),
        },
        "rocCurve": {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(roc_thresholds)},
        "averagePrecision": float(average_precision_score(y, s, sample_weight=w)),
        "rocAuc": float(roc_auc_score(y, s, sample_weight=w)),
        "selections": selections(y, s) if w is None else None,
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=None if data_file or len(scores) > 50 else 1)
        f.write("\n")


def selections(y, s):
    """Operating points derived from scikit-learn's own counts (_binary_clf_curve: descending distinct
    thresholds with cumulative fps, tps), with Setpoint's tie rule: the highest threshold wins."""
    fps, tps, thresholds = _binary_clf_curve(y, s)
    P = tps[-1]
    out = {}
    for p in [0.5, 0.8, 0.9, 0.95]:
        precision = tps / (tps + fps)
        recall = tps / P
        best = None
        for i in range(len(thresholds)):  # descending thresholds: first max wins
            if precision[i] >= p and (best is None or recall[i] > recall[best]):
                best = i
        if best is not None:
            out["recall@precision>=%g" % p] = {"feasible": True, "threshold": float(thresholds[best]),
                                                "tp": float(tps[best]), "fp": float(fps[best])}
        else:
            near = 0
            for i in range(1, len(thresholds)):
                if precision[i] > precision[near] or (precision[i] == precision[near]
                                                      and recall[i] > recall[near]):
                    near = i
            out["recall@precision>=%g" % p] = {"feasible": False,
                                                "nearestThreshold": float(thresholds[near]),
                                                "tp": float(tps[near]), "fp": float(fps[near])}
    f1 = 2 * tps / (2 * tps + (P - tps) + fps)
    best = 0
    for i in range(1, len(thresholds)):
        if f1[i] > f1[best]:
            best = i
    out["f1"] = {"feasible": True, "threshold": float(thresholds[best]), "tp": float(tps[best]),
                 "fp": float(fps[best]), "f1": float(f1[best])}
    return out


def from_csv(name, file_name, note):
    data = np.genfromtxt(os.path.join(RESOURCES, "data", file_name), delimiter=",", names=True)
    case(name, data["score"], data["label"].astype(np.int64), data_file="data/" + file_name,
         note=note)


def main():
    os.makedirs(OUT, exist_ok=True)
    from_csv("breast_cancer_logreg_oof", "breast_cancer_logreg_oof.csv",
             "real out-of-fold scores, 569 rows, 37% positive")
    from_csv("lending_club_bad_hgb_oof", "lending_club_bad_hgb_oof.csv",
             "real out-of-fold scores, 9,857 rows, 5% positive")
    case("ties_across_classes", [0.9, 0.8, 0.8, 0.4, 0.1], [1, 0, 1, 0, 1],
         note="the docs/definitions.md worked example: one tie across classes")
    case("ties_within_class", [0.5, 0.5, 0.5, 0.2, 0.2, 0.9, 0.2], [1, 1, 0, 0, 0, 1, 1],
         note="ties inside each class and across")
    case("all_equal", [0.3] * 6, [1, 0, 1, 0, 0, 1], note="a single distinct score")
    case("one_row_per_class", [0.2, 0.7], [1, 0], note="the positive scores lower: AUC 0")
    case("weighted_integer", [0.9, 0.8, 0.7, 0.7, 0.5, 0.3, 0.2, 0.1],
         [1, 0, 1, 0, 1, 0, 0, 1], weights=[2, 1, 3, 1, 0, 2, 5, 1],
         note="integer weights including a weight-0 row, which sklearn drops")
    case("weighted_fractional", [0.95, 0.6, 0.6, 0.55, 0.4, 0.4, 0.05],
         [1, 1, 0, 0, 1, 0, 0], weights=[0.1, 0.7, 0.3, 1.9, 0.25, 0.0, 2.2],
         note="fractional weights, ties, a weight-0 row")
    case("signed_zero_and_extremes", [-0.0, 0.0, -1.5, 2.0, -1e-300, 1e300, 5e-324, -1e300],
         [1, 0, 0, 1, 1, 0, 1, 0], note="-0.0 ties with 0.0; huge, tiny and subnormal scores")
    rng = np.random.default_rng(20261123)
    n = 1000
    y = (rng.random(n) < 0.2).astype(np.int64)
    s = np.round(np.clip(rng.normal(0.35 + 0.3 * y, 0.2), 0, 1), 2)
    w = np.round(rng.uniform(0, 3, n), 3)
    w[rng.random(n) < 0.1] = 0.0
    case("random_ties_weighted", s, y, weights=w,
         note="seeded numpy default_rng(20261123): 1,000 rows rounded to 2 decimals, 10% weight 0")
    case("random_ties_unweighted", s, y,
         note="the same rows without weights")


if __name__ == "__main__":
    main()
