/*
 * Segments: the segment list, and each segment's choice with its fallback (a segment's View button
 * carries the segment; the page's wiring opens it).
 */
import { $, BASE, S } from './state.js';
import { fmtCount, fmtThreshold, num } from './format.js';
import { api, showError } from './api.js';
import { inputNumber, markerDefs } from './inputs.js';

export function fillSegments(d) {
  const select = $('segment-select');
  const all = document.createElement('option');
  all.value = '[]';
  all.textContent = 'All rows';
  const options = [all];
  const width = d.segmentColumns.length;
  // Each parent just before its children: 36m, 36m/A, 36m/B, …, 60m, 60m/A, …
  const sorted = d.segments.slice().sort((a, b) => {
    for (let i = 0; i < Math.min(a.segment.length, b.segment.length); i++) {
      if (a.segment[i] !== b.segment[i]) return a.segment[i] < b.segment[i] ? -1 : 1;
    }
    return a.segment.length - b.segment.length;
  });
  for (const s of sorted) {
    const o = document.createElement('option');
    o.value = JSON.stringify(s.segment);
    const parent = s.level < width ? ' (all ' + d.segmentColumns.slice(s.level).join(', ') + ')' : '';
    o.textContent = '\u00a0\u00a0'.repeat(s.level - 1) + s.label + parent + ' — ' + fmtCount(s.positives) + ' positives';
    options.push(o);
  }
  select.replaceChildren(...options);
  select.disabled = width === 0;
}

export async function loadSegmentChoices() {
  const defs = markerDefs().filter((d) => ['f1', 'cost', 'precision', 'budget'].includes(d.key));
  const select = $('segment-objective');
  const previous = select.value;
  select.replaceChildren(...defs.map((d) => {
    const o = document.createElement('option');
    o.value = d.objective;
    o.textContent = d.label;
    return o;
  }));
  const keep = defs.find((d) => d.objective === previous);
  // Least cost by default: it always has an answer, so the table shows fallbacks, not infeasibility.
  select.value = keep ? keep.objective : defs[1].objective;
  const params = new URLSearchParams();
  params.set('objective', select.value);
  params.set('minPositives', inputNumber('min-positives', 30));
  try {
    const r = await api(BASE + '/datasets/' + S.dataset.id + '/segments?' + params);
    S.segmentChoices = r.body;
    renderSegmentChoices();
  } catch (e) {
    showError('threshold-error', e);
  }
}

function renderSegmentChoices() {
  const body = $('segments-table').tBodies[0];
  const rows = S.segmentChoices.segments.map((s) => {
    const tr = document.createElement('tr');
    if (s.fallback) tr.className = 'fallback';
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = s.label === '(all)' ? 'default (all rows)' : s.label;
    if (s.fallback) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'fallback';
      th.append(' ', badge);
    }
    const own = s.own.feasible ? fmtThreshold(num(s.own.threshold)) : 'infeasible';
    const uses = s.effective.feasible ? fmtThreshold(num(s.effective.threshold))
      + (s.fallback ? ' (from ' + (s.source.length ? s.source.join('/') : 'the default') + ')' : '') : 'infeasible';
    const cells = [fmtCount(s.rows), fmtCount(s.positives), own, uses, s.reason || ''];
    tr.append(th);
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const td = document.createElement('td');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link';
    b.textContent = 'View';
    b.setAttribute('aria-label', 'View segment ' + s.label);
    b.dataset.segment = JSON.stringify(s.segment);
    td.append(b);
    tr.append(td);
    return tr;
  });
  body.replaceChildren(...rows);
}

/**
 * The per-segment choice of the segment shown, when it has one (fallback or not): its marker goes on
 * the segment's own curve, at the threshold the segment will use.
 */
export function segmentChoice() {
  if (!S.segmentChoices || !S.view.segment.length) return null;
  const key = JSON.stringify(S.view.segment);
  const s = S.segmentChoices.segments.find((x) => JSON.stringify(x.segment) === key);
  return s && s.effective.feasible ? s : null;
}
