package dev.setpoint.calibrate;

/**
 * Scores that a threshold on one scale (raw or calibrated) splits into flagged and unflagged, seen on
 * the other scale: how many are flagged, the flagged score lowest on the other scale and the unflagged
 * one highest on it. Both threshold transfers of {@link Calibration} decide from this: the threshold has
 * an equivalent on the other scale exactly when {@link #separates()}.
 *
 * @param flagged how many scores reach the threshold
 * @param lowestFlagged the lowest flagged value on the other scale; {@code +Infinity} when none is flagged
 * @param lowestFlaggedCut that score's value on the threshold's scale (NaN when none is flagged)
 * @param highestUnflagged the highest unflagged value on the other scale; {@code -Infinity} when all are
 *     flagged
 * @param highestUnflaggedCut that score's value on the threshold's scale (NaN when all are flagged)
 */
record Cut(int flagged, double lowestFlagged, double lowestFlaggedCut, double highestUnflagged,
    double highestUnflaggedCut) {

  /**
   * One pass over {@code scores}; {@code onCalibrated} says whether the threshold is on the calibrated
   * scale (flag when {@code calibration.apply(s) >= threshold}) or on the raw one (flag when {@code s >=
   * threshold}). Trusts the caller's checks: finite scores, a threshold that is not NaN.
   */
  static Cut of(Calibration calibration, double[] scores, double threshold, boolean onCalibrated) {
    int flagged = 0;
    double lowestFlagged = Double.POSITIVE_INFINITY;
    double lowestFlaggedCut = Double.NaN;
    double highestUnflagged = Double.NEGATIVE_INFINITY;
    double highestUnflaggedCut = Double.NaN;
    for (double score : scores) {
      double s = score + 0.0;
      double c = calibration.apply(s);
      double cut = onCalibrated ? c : s;
      double other = onCalibrated ? s : c;
      if (cut >= threshold) {
        flagged++;
        if (other < lowestFlagged) {
          lowestFlagged = other;
          lowestFlaggedCut = cut;
        }
      } else if (other > highestUnflagged) {
        highestUnflagged = other;
        highestUnflaggedCut = cut;
      }
    }
    return new Cut(flagged, lowestFlagged, lowestFlaggedCut, highestUnflagged, highestUnflaggedCut);
  }

  /** Whether every flagged score lies above every unflagged one on the other scale. */
  boolean separates() {
    return highestUnflagged < lowestFlagged;
  }
}
