/*
 * The curve of the current view (all rows or a segment, plain or a lab variant) and the changes of
 * view that load it again: a segment, a lab toggle, the joint choice of bands.
 */
import { $, BASE, S } from './state.js';
import { fmtRate, fmtCount, fmtThreshold, num } from './format.js';
import { api, showError, viewParams } from './api.js';
import { inputNumber, volume, markerDefs, guaranteeDef, prevalence } from './inputs.js';
import { clamp, indexOf, nearestIndex } from './points.js';
import { renderCharts } from './curve-charts.js';
import { update, setBands } from './threshold.js';
import { renderMarkers } from './objectives.js';
import { renderLab, loadReliability } from './lab.js';
import { segmentChoice } from './segments.js';
import { fillPolicyFrom } from './policy.js';

/** The curve of the current view and markers; keeps the threshold where it was unless {@code fresh}. */
export async function loadCurve(seq, fresh) {
  const mySeq = ++S.curveSeq;
  const previous = S.curve ? S.curve.thr[S.index] : null;
  const previousBlock = S.curve ? S.curve.thr[S.blockIndex] : null;
  const defs = markerDefs();
  const params = viewParams(new URLSearchParams());
  for (const d of defs) params.append('objective', d.objective);
  params.set('guarantee', inputNumber('guarantee-p', 0.9));
  params.set('delta', inputNumber('guarantee-delta', 0.05));
  if ($('lab-prevalence').checked) params.set('prevalence', prevalence());
  for (const t of S.keep) params.append('keep', t);
  if (S.bands) {
    params.set('blockPrecision', inputNumber('joint-precision', 0.9));
    params.set('reviewCapacity', 'flags<=' + Math.min(inputNumber('joint-capacity', 500), volume()) + '/day,volume=' + volume() + '/day');
  }
  document.body.dataset.state = 'loading';
  $('threshold-error').textContent = '';
  let r;
  try {
    r = await api(BASE + '/datasets/' + S.dataset.id + '/curve?' + params);
  } catch (e) {
    if (mySeq === S.curveSeq) {
      showError(seq != null ? 'data-error' : 'threshold-error', e);
      document.body.dataset.state = S.curve ? 'ready' : 'empty';
    }
    return;
  }
  if (mySeq !== S.curveSeq || (seq != null && seq !== S.loadSeq)) return;
  const b = r.body;
  const c = b.curve;
  S.curve = {
    thr: c.threshold.map(num), tp: c.tp.slice(), fp: c.fp.slice(),
    tieP: c.tiedPositives.slice(), tieN: c.tiedNegatives.slice(),
    P: b.positives, N: b.negatives, points: b.points,
    deployed: b.deployed && b.deployed.tp ? { tp: b.deployed.tp.slice(), fp: b.deployed.fp.slice(), P: b.deployed.positives, N: b.deployed.negatives } : null,
    histogram: b.histogram, ap: b.averagePrecision, auc: b.rocAuc,
  };
  const allDefs = defs.concat([guaranteeDef()]);
  S.markers = b.markers.map((m, i) => ({ def: allDefs[i], data: m }));
  const segment = segmentChoice();
  if (segment) {
    S.markers.push({
      def: { key: 'segment', label: 'This segment’s choice' + (segment.fallback ? ' (fallback: ' + segment.reason + ')' : ''), color: '#f97316' },
      data: segment.effective,
    });
  }
  S.joint = b.bands || null;
  $('point-count').textContent = fmtCount(S.curve.thr.length);
  $('distinct-count').textContent = fmtCount(b.points);
  const n = S.curve.thr.length;
  for (const id of ['threshold-slider', 'block-slider']) {
    $(id).max = String(n - 1);
  }
  $('threshold-slider').disabled = false;
  $('threshold-input').disabled = false;
  $('threshold-set').disabled = false;
  $('bands-mode').disabled = false;
  for (const id of ['policy-preview', 'policy-download-yaml', 'policy-download-json', 'policy-save']) $(id).disabled = false;
  // Where the threshold goes: a policy's thresholds, the previous threshold, or max F1.
  let index;
  let block;
  if (S.pendingThresholds) {
    const t = S.pendingThresholds;
    S.pendingThresholds = null;
    if (t.length >= 2) {
      setBands(true);
      block = indexOf(t[0]);
      index = indexOf(t[1]);
    } else {
      index = indexOf(t[0]);
    }
  } else if (!fresh && previous != null) {
    index = nearestIndex(previous);
    block = nearestIndex(previousBlock);
  } else {
    const f1 = S.markers.find((m) => m.def.key === 'f1');
    index = f1 && f1.data.feasible ? indexOf(num(f1.data.threshold)) : Math.floor(n / 2);
    block = 0;
  }
  S.index = clamp(index);
  S.blockIndex = Math.min(clamp(block || 0), S.index);
  renderCharts();
  renderMarkers();
  renderLab();
  update();
  document.body.dataset.state = 'ready';
  document.body.dataset.seq = String(Number(document.body.dataset.seq || 0) + 1);
}

export async function chooseJointly() {
  setBands(true);
  await loadCurve(null, false);
  const j = S.joint;
  if (!j) return;
  if (!j.feasible) {
    $('joint-result').textContent = 'Impossible: ' + j.reason;
    return;
  }
  S.blockIndex = indexOf(num(j.block));
  S.index = indexOf(num(j.review));
  $('joint-result').textContent = 'Chosen jointly: block from ' + fmtThreshold(num(j.block)) + ', review from ' + fmtThreshold(num(j.review))
    + '; positives caught by block + review: recall ' + fmtRate(j.caughtRecall) + '.';
  S.jointChosenAt = [S.curve.thr[S.blockIndex], S.curve.thr[S.index]];
  fillPolicyFrom();
  update();
}

export async function selectSegment(values) {
  $('segment-select').value = JSON.stringify(values);
  S.view.segment = values;
  const s = segmentChoice();
  if (s && !S.keep.includes(num(s.effective.threshold))) S.keep.push(num(s.effective.threshold));
  await loadCurve(null, false);
}

export function labToggle(id) {
  $(id + '-body').hidden = !$(id).checked;
  if (id === 'lab-few') {
    S.view.fewPositives = $(id).checked ? Math.max(1, Math.round(inputNumber('few-count', 20))) : null;
    S.view.seed = Math.max(0, Math.round(inputNumber('few-seed', 1)));
    $('few-compare').textContent = '';
  }
  if (id === 'lab-ties') {
    S.view.round = $(id).checked ? Math.max(0, Math.min(6, Math.round(inputNumber('ties-decimals', 2)))) : null;
  }
  if (id === 'lab-calibration' && !$(id).checked) return;
  if (id === 'lab-calibration') {
    loadReliability();
    return;
  }
  loadCurve(null, false);
}
