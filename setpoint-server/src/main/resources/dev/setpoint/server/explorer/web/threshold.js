/*
 * The threshold (and in bands mode the block threshold): the confusion matrix, the metrics, cost and
 * workload, the bands' rows, and thresholds typed in.
 */
import { $, BASE, S } from './state.js';
import { ratio, confusion } from './definitions.js';
import { fmtRate, fmtCount, fmtThreshold, fmtMoney, out } from './format.js';
import { api, showError, viewParams } from './api.js';
import { inputNumber, costs, volume, prevalence } from './inputs.js';
import { clamp } from './points.js';
import { moveCursors } from './charts.js';
import { renderCharts } from './curve-charts.js';
import { scheduleIntervals, showIntervals } from './intervals.js';
import { fillPolicyFrom } from './policy.js';

export function setIndex(i) {
  S.index = clamp(i);
  if (S.blockIndex > S.index) S.blockIndex = S.index;
  update();
}

export function setBlockIndex(b) {
  S.blockIndex = clamp(b);
  if (S.index < S.blockIndex) S.index = S.blockIndex;
  update();
}

/** Puts every view at the current threshold. Synchronous and cheap: it runs on every slider step. */
export function update() {
  const c = S.curve;
  if (!c) return;
  const i = S.index;
  const t = c.thr[i];
  const m = confusion(c.tp[i], c.fp[i], c.P, c.N);
  $('threshold-slider').value = String(i);
  $('threshold-slider').setAttribute('aria-valuetext', 'threshold ' + fmtThreshold(t) + ', ' + fmtCount(m.flagged) + ' flagged, precision ' + fmtRate(m.precision) + ', recall ' + fmtRate(m.recall));
  out('current-threshold', t, fmtThreshold(t));
  $('next-below').textContent = i + 1 < c.thr.length ? fmtThreshold(c.thr[i + 1]) + (c.tp[i + 1] + c.fp[i + 1] - m.flagged > c.tieP[i + 1] + c.tieN[i + 1] ? ' (kept points skip some scores; type one to see it)' : '') : 'none';
  const tied = c.tieP[i] + c.tieN[i];
  $('tie-line').textContent = t === Infinity ? 'Rows scoring exactly t: none (nothing is flagged)'
    : tied === 0 ? 'Rows scoring exactly t: none (t lies between two scores)'
      : 'Rows scoring exactly t: ' + fmtCount(tied) + ' (' + fmtCount(c.tieP[i]) + ' positive, ' + fmtCount(c.tieN[i]) + ' negative)' + (tied > 1 ? ', flagged together' : '');
  out('cm-tp', m.tp, fmtCount(m.tp));
  out('cm-fp', m.fp, fmtCount(m.fp));
  out('cm-fn', m.fn, fmtCount(m.fn));
  out('cm-tn', m.tn, fmtCount(m.tn));
  out('m-precision', m.precision, fmtRate(m.precision));
  out('m-recall', m.recall, fmtRate(m.recall));
  out('m-fpr', m.fpr, fmtRate(m.fpr));
  out('m-f1', m.f1, fmtRate(m.f1));
  out('m-flag-rate', m.flagRate, fmtRate(m.flagRate));
  out('m-flagged', m.flagged, fmtCount(m.flagged));
  $('m-precision-ci').textContent = '';
  $('m-recall-ci').textContent = '';
  const k = costs();
  const cost = k.fn * m.fn + k.fp * m.fp;
  out('m-cost', cost, fmtMoney(cost));
  const perDay = m.flagRate == null ? null : m.flagRate * volume();
  out('m-flags-day', perDay, perDay == null ? '–' : fmtMoney(perDay));
  const hours = perDay == null ? null : perDay * inputNumber('review-minutes', 5) / 60;
  out('m-hours-day', hours, hours == null ? '–' : fmtMoney(hours));
  if (c.deployed) {
    const d = confusion(c.deployed.tp[i], c.deployed.fp[i], c.deployed.P, c.deployed.N);
    out('m-deployed-precision', d.precision, fmtRate(d.precision));
  }
  if (S.bands) updateBands();
  moveCursors();
  scheduleIntervals();
}

function updateBands() {
  const c = S.curve;
  const b = S.blockIndex;
  const i = S.index;
  const tb = c.thr[b];
  const tr = c.thr[i];
  out('current-block', tb, fmtThreshold(tb));
  $('block-slider').value = String(b);
  $('block-slider').setAttribute('aria-valuetext', 'block threshold ' + fmtThreshold(tb));
  const band = (id, rows, pos, neg, range) => {
    out('band-' + id + '-rows', rows, fmtCount(rows));
    out('band-' + id + '-pos', pos, fmtCount(pos));
    out('band-' + id + '-neg', neg, fmtCount(neg));
    const p = ratio(pos, rows);
    out('band-' + id + '-precision', p, fmtRate(p));
    $('band-' + id + '-range').textContent = range;
  };
  const blockedP = c.tp[b];
  const blockedN = c.fp[b];
  band('block', blockedP + blockedN, blockedP, blockedN, 'score ≥ ' + fmtThreshold(tb));
  const reviewP = c.tp[i] - c.tp[b];
  const reviewN = c.fp[i] - c.fp[b];
  band('review', reviewP + reviewN, reviewP, reviewN, fmtThreshold(tr) + ' ≤ score < ' + fmtThreshold(tb));
  const allowP = Math.max(0, c.P - c.tp[i]);
  const allowN = Math.max(0, c.N - c.fp[i]);
  band('allow', allowP + allowN, allowP, allowN, 'score < ' + fmtThreshold(tr));
}

export async function typedThreshold(inputId, block) {
  const text = $(inputId).value.trim();
  $('threshold-error').textContent = '';
  const t = Number(text);
  if (text === '' || Number.isNaN(t)) {
    $('threshold-error').textContent = 'A threshold is a number, such as 0.42; "' + text + '" is not.';
    return;
  }
  const params = viewParams(new URLSearchParams());
  params.set('t', t === Infinity ? 'Infinity' : String(t));
  if (S.curve.deployed) params.set('prevalence', prevalence());
  try {
    const r = await api(BASE + '/datasets/' + S.dataset.id + '/at?' + params);
    const j = insertPoint(t, r.body);
    if (!S.keep.includes(t)) S.keep.push(t);
    renderCharts();
    if (block) {
      setBlockIndex(j);
    } else {
      setIndex(j);
    }
    showIntervals(r.body);
  } catch (e) {
    showError('threshold-error', e);
  }
}

/** Adds an exact point (from /at) to the kept points, in descending threshold; returns its index. */
function insertPoint(t, p) {
  const c = S.curve;
  let j = c.thr.indexOf(t);
  if (j >= 0) return j;
  j = 0;
  while (j < c.thr.length && c.thr[j] > t) j++;
  c.thr.splice(j, 0, t);
  c.tp.splice(j, 0, p.tp);
  c.fp.splice(j, 0, p.fp);
  c.tieP.splice(j, 0, p.tiedPositives);
  c.tieN.splice(j, 0, p.tiedNegatives);
  if (c.deployed) {
    // The server's expected counts at π′ (docs/definitions.md#deployment-prevalence).
    c.deployed.tp.splice(j, 0, p.deployed.tp);
    c.deployed.fp.splice(j, 0, p.deployed.fp);
  }
  if (S.index >= j) S.index++;
  if (S.blockIndex >= j) S.blockIndex++;
  $('threshold-slider').max = String(c.thr.length - 1);
  $('block-slider').max = String(c.thr.length - 1);
  $('point-count').textContent = fmtCount(c.thr.length);
  return j;
}

export function setBands(on) {
  S.bands = on;
  $('bands-mode').checked = on;
  $('block-controls').hidden = !on;
  $('bands-panel').hidden = !on;
  fillPolicyFrom();
  if (S.curve) {
    if (on && S.blockIndex > S.index) S.blockIndex = S.index;
    update();
  }
}
