/* The definitions of docs/definitions.md on exact counts, in the core's order of operations. */
/** A ratio; null (undefined) when the denominator is zero, as docs/definitions.md#undefined-values. */
export function ratio(numerator, denominator) {
  return denominator === 0 ? null : numerator / denominator;
}

/** The confusion matrix and its rates at counts TP, FP, in the core's order of operations. */
export function confusion(tp, fp, P, N) {
  const fn = Math.max(0, P - tp);
  const tn = Math.max(0, N - fp);
  const positives = tp + fn;
  const negatives = fp + tn;
  const f1num = 2 * tp;
  return {
    tp, fp, fn, tn,
    flagged: tp + fp,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, positives),
    fpr: ratio(fp, negatives),
    f1: ratio(f1num, f1num + 1 * fn + fp),
    flagRate: ratio(tp + fp, positives + negatives),
  };
}
