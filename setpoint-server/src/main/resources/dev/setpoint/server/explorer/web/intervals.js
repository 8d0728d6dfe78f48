/*
 * Clopper-Pearson intervals at the threshold: they need Beta quantiles, so the server's, fetched
 * once the threshold settles.
 */
import { $, BASE, S } from './state.js';
import { fmtRate, fmtCount } from './format.js';
import { api, showError, viewParams } from './api.js';

let intervalTimer = 0;
/** Intervals need Beta quantiles: fetched from the server once the threshold settles. */
export function scheduleIntervals() {
  clearTimeout(intervalTimer);
  intervalTimer = setTimeout(fetchIntervals, 180);
}

async function fetchIntervals() {
  const c = S.curve;
  if (!c || !S.dataset) return;
  const i = S.index;
  const t = c.thr[i];
  const params = viewParams(new URLSearchParams());
  params.set('t', t === Infinity ? 'Infinity' : String(t));
  try {
    const r = await api(BASE + '/datasets/' + S.dataset.id + '/at?' + params);
    if (S.curve !== c || S.index !== i) return;
    showIntervals(r.body);
    if (S.view.fewPositives != null) {
      const full = viewParams(new URLSearchParams(), Object.assign({}, S.view, { fewPositives: null }));
      full.set('t', params.get('t'));
      const f = await api(BASE + '/datasets/' + S.dataset.id + '/at?' + full);
      if (S.curve !== c || S.index !== i) return;
      $('few-compare').textContent = 'At this threshold, all rows: precision ' + fmtRate(f.body.precision) + ' ' + range(f.body.intervals.precision)
        + ', recall ' + fmtRate(f.body.recall) + ' ' + range(f.body.intervals.recall) + '; this sample of '
        + fmtCount(S.curve.P) + ' positives: precision ' + fmtRate(r.body.precision) + ' ' + range(r.body.intervals.precision)
        + ', recall ' + fmtRate(r.body.recall) + ' ' + range(r.body.intervals.recall) + '.';
    }
  } catch (e) {
    showError('threshold-error', e);
  }
}

function range(pair) {
  return pair && pair[0] != null ? '[' + pair[0].toFixed(4) + ', ' + pair[1].toFixed(4) + ']' : '[undefined]';
}

export function showIntervals(b) {
  const iv = b.intervals;
  if (iv.unavailable) {
    $('interval-note').textContent = 'none: ' + iv.unavailable;
    return;
  }
  $('interval-note').textContent = Math.round(iv.confidence * 100) + ' % Clopper-Pearson, for a threshold fixed in advance (a threshold chosen on the same rows makes them optimistic).';
  $('m-precision-ci').textContent = range(iv.precision);
  $('m-recall-ci').textContent = range(iv.recall);
}
