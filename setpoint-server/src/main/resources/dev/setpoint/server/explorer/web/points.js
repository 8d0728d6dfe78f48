/* Positions on the current curve: a threshold's index, and a marker's point with its counts. */
import { S } from './state.js';
import { confusion } from './definitions.js';
import { num } from './format.js';

export function clamp(i) { return Math.max(0, Math.min(S.curve.thr.length - 1, i | 0)); }

/** The index of a kept threshold (exact), or the nearest one. */
export function indexOf(t) {
  const i = S.curve.thr.indexOf(t);
  return i >= 0 ? i : nearestIndex(t);
}

/** The index of the lowest kept threshold >= t (the rule's point), or 0 ("flag nothing"). */
export function nearestIndex(t) {
  const thr = S.curve.thr;
  let lo = 0;
  let hi = thr.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (thr[mid] >= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
  }
  return found;
}

/** A marker's point on the current curve: its threshold's exact counts (nearest point when infeasible). */
export function markerPoint(m) {
  const src = m.data.feasible ? m.data : m.data.nearest;
  if (!src || !src.at) return null;
  const c = S.curve;
  const k = confusion(src.at.tp, src.at.fp, c.P, c.N);
  k.threshold = num(src.threshold);
  k.infeasible = !m.data.feasible;
  return k;
}
