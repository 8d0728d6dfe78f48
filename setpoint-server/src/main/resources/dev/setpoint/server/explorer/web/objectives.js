/*
 * The objectives side by side: each one's choice on the curve, the guarantee, and why max F1 and
 * least cost differ.
 */
import { $, S } from './state.js';
import { ratio, confusion } from './definitions.js';
import { fmtRate, fmtCount, fmtThreshold, fmtMoney } from './format.js';
import { costs } from './inputs.js';
import { indexOf, markerPoint } from './points.js';
import { setIndex } from './threshold.js';

export function renderMarkers() {
  const body = $('markers-table').tBodies[0];
  const k = costs();
  const rows = S.markers.map((m, n) => {
    const tr = document.createElement('tr');
    const p = markerPoint(m);
    const name = document.createElement('th');
    name.scope = 'row';
    const key = document.createElement('span');
    key.className = 'marker-key';
    key.style.background = m.def.color;
    name.append(key, (n + 1) + '. ' + m.def.label);
    tr.append(name);
    tr.dataset.marker = m.def.key;
    const cells = [];
    if (m.data.feasible) {
      cells.push(fmtThreshold(p.threshold), fmtRate(p.precision), fmtRate(p.recall), fmtCount(p.flagged), fmtMoney(k.fn * p.fn + k.fp * p.fp));
    } else {
      cells.push('infeasible', p ? 'nearest ' + fmtRate(p.precision) : '–', p ? fmtRate(p.recall) : '–', p ? fmtCount(p.flagged) : '–', p ? fmtMoney(k.fn * p.fn + k.fp * p.fp) : '–');
    }
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const go = document.createElement('td');
    if (p && Number.isFinite(p.threshold) || (p && p.threshold === Infinity)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.textContent = m.data.feasible ? 'Go' : 'Go to nearest';
      b.setAttribute('aria-label', (m.data.feasible ? 'Move the threshold to ' : 'Move the threshold to the nearest point of ') + m.def.label);
      b.addEventListener('click', () => setIndex(indexOf(p.threshold)));
      go.append(b);
    }
    tr.append(go);
    const list = [tr];
    if (!m.data.feasible || m.data.guarantee || m.def.key === 'prevalence') {
      const note = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 7;
      td.className = 'muted small';
      td.textContent = noteOf(m);
      note.append(td);
      list.push(note);
    }
    return list;
  }).flat();
  body.replaceChildren(...rows);
  explainF1VersusCost();
  const g = S.markers.find((m) => m.def.key === 'guarantee');
  $('guarantee-note').textContent = g && g.data.split ? 'Guarantee: ' + g.data.split + '. ' + (g.data.feasible && g.data.calibration
    ? 'On the calibration half the threshold flags ' + fmtCount(g.data.calibration.tp + g.data.calibration.fp) + ' rows with precision '
      + fmtRate(ratio(g.data.calibration.tp, g.data.calibration.tp + g.data.calibration.fp)) + '; its one-sided ' + Math.round(100 * g.data.calibration.confidence)
      + ' % lower bound is ' + fmtRate(g.data.calibration.precisionLowerBound) + ' ≥ ' + g.data.minPrecision + ', so P(precision ≥ ' + g.data.minPrecision
      + ') ≥ ' + (1 - g.data.delta) + ' for rows drawn like these.' : '') : '';
}

function noteOf(m) {
  if (!m.data.feasible) return m.data.reason;
  if (m.data.guarantee) return 'Certified by Learn-then-Test; see below.';
  const own = confusion(m.data.tp, m.data.fp, m.data.tp + m.data.fn, m.data.fp + m.data.tn);
  return 'At π′ the expected precision there is ' + fmtRate(own.precision) + ' (the row above shows the sample).';
}

/** Why max F1 and least cost choose differently, from the two markers' exact counts. */
function explainF1VersusCost() {
  const f1 = S.markers.find((m) => m.def.key === 'f1');
  const cost = S.markers.find((m) => m.def.key === 'cost');
  const el = $('f1-vs-cost');
  if (!f1 || !cost || !f1.data.feasible || !cost.data.feasible) {
    el.textContent = '';
    return;
  }
  const a = markerPoint(f1);
  const b = markerPoint(cost);
  const k = costs();
  const ca = k.fn * a.fn + k.fp * a.fp;
  const cb = k.fn * b.fn + k.fp * b.fp;
  const base = 'F1 = 2TP / (2TP + FN + FP) counts a missed positive and a false alarm alike, whatever each costs; '
    + 'the cost objective weighs them ' + k.fn + ' : ' + k.fp + '. ';
  if (a.threshold === b.threshold) {
    el.textContent = base + 'Here both choose the same threshold, ' + fmtThreshold(a.threshold) + '.';
    return;
  }
  const dtp = b.tp - a.tp;
  const dfp = b.fp - a.fp;
  const lower = b.threshold < a.threshold;
  el.textContent = base + 'Moving from F1’s threshold (' + fmtThreshold(a.threshold) + ') to the least-cost one ('
    + fmtThreshold(b.threshold) + ') ' + (lower ? 'flags more: it catches ' : 'flags less: it gives up ') + fmtCount(Math.abs(dtp))
    + ' positives (' + (lower ? 'saving ' : 'costing ') + fmtMoney(Math.abs(dtp) * k.fn) + ') for ' + fmtCount(Math.abs(dfp))
    + (lower ? ' more' : ' fewer') + ' false alarms (' + (lower ? 'costing ' : 'saving ') + fmtMoney(Math.abs(dfp) * k.fp) + '): total cost '
    + fmtMoney(ca) + ' → ' + fmtMoney(cb) + ', while F1 drops from ' + fmtRate(a.f1) + ' to ' + fmtRate(b.f1) + '.';
}
