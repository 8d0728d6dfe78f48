#!/usr/bin/python3
"""The scikit-learn side of the Setpoint benchmarks, on exactly the data the JMH benchmarks use.

Run with Debian's Python (apt-get install python3-sklearn python3-pandas):

  /usr/bin/python3 compare_sklearn.py arrays DIR/n10000000-continuous [--repeats 5]
      loads the .f64/.u8 files written by GenerateData and times
      precision_recall_curve + average_precision_score + roc_auc_score on numpy arrays in memory
      (the same work as CurveBenchmark.curveApAuc).

  /usr/bin/python3 compare_sklearn.py csv FILE.csv
      end to end, one run: pandas.read_csv + the same three calls, as a user would do it.

Prints one JSON object per line: {"mode", "data", "n", "times_s": [...], "best_s", "median_s", ...}.
"""
import argparse
import json
import statistics
import time

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score


def three_calls(y, s):
    precision_recall_curve(y, s)
    ap = average_precision_score(y, s)
    auc = roc_auc_score(y, s)
    return ap, auc


def arrays(base, repeats):
    s = np.fromfile(base + ".f64", dtype="<f8")
    y = np.fromfile(base + ".u8", dtype=np.uint8).astype(np.int64)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        ap, auc = three_calls(y, s)
        times.append(time.perf_counter() - t0)
    return {"mode": "arrays", "data": base, "n": int(len(s)), "times_s": times,
            "best_s": min(times), "median_s": statistics.median(times), "ap": ap, "auc": auc,
            "sklearn": sklearn.__version__, "numpy": np.__version__}


def csv(path):
    import pandas as pd
    t0 = time.perf_counter()
    frame = pd.read_csv(path)
    t1 = time.perf_counter()
    ap, auc = three_calls(frame["label"].to_numpy(), frame["score"].to_numpy())
    t2 = time.perf_counter()
    return {"mode": "csv", "data": path, "n": int(len(frame)), "times_s": [t2 - t0],
            "read_s": t1 - t0, "metrics_s": t2 - t1, "ap": ap, "auc": auc,
            "sklearn": sklearn.__version__, "pandas": pd.__version__}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["arrays", "csv"])
    parser.add_argument("data")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    result = arrays(args.data, args.repeats) if args.mode == "arrays" else csv(args.data)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
