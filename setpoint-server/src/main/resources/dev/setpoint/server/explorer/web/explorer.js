/*
 * Setpoint explorer. Plain JavaScript in ES modules, no build step; charts by uPlot (served from the
 * jar, loaded as a classic script before this module). This module is the page's entry: it connects
 * the controls to the views and starts. The views, each in a module of its own; each module imports
 * only modules above it in this list, so there is no import cycle:
 *
 *   state.js        the page's one state object, $ and the API's base path
 *   definitions.js  precision, recall, … on exact counts (docs/definitions.md)
 *   format.js       numbers and thresholds as the page prints them
 *   api.js          requests, problems (RFC 9457) and how they are shown
 *   inputs.js       the number inputs: costs, volume, the objectives the markers show
 *   points.js       positions on the current curve: a threshold's index, a marker's point
 *   charts.js       uPlot charts made once, the markers drawn on them, cursors moved on each step
 *   curve-charts.js PR, ROC, the score histogram, cost and flags per day
 *   intervals.js    Clopper-Pearson intervals at the threshold, fetched once it settles
 *   policy.js       stored policies, and a draft previewed, downloaded or saved as a new version
 *   threshold.js    the threshold (and block threshold): confusion, metrics, bands, typed values
 *   objectives.js   the objectives table, the guarantee, max F1 against least cost
 *   lab.js          the failure-mode lab's views (unreachable target, reliability)
 *   segments.js     the segment list and each segment's choice
 *   view.js         the curve of the current view (segment, lab variants): loading it, changing it
 *   data.js         examples, uploads and stored policies' data sets
 *
 * Every number comes from the server, which computes it with the core engine: the compressed curve
 * carries exact TP and FP at each kept threshold, markers are the core's selections, intervals and
 * calibration are the core's. The page only does arithmetic on those exact counts, following
 * docs/definitions.md (precision = TP/(TP+FP), undefined when nothing is flagged, and so on) in the
 * same order of operations as the core's Confusion, so the numbers are bit for bit the core's.
 */
import { $, S } from './state.js';
import { indexOf, markerPoint } from './points.js';
import { followResizes, moveCursors } from './charts.js';
import { renderHistogram, renderCostChart } from './curve-charts.js';
import { setIndex, setBlockIndex, update, typedThreshold, setBands } from './threshold.js';
import { loadSegmentChoices } from './segments.js';
import { loadCurve, selectSegment, labToggle, chooseJointly } from './view.js';
import { refreshStoredPolicies, fillPolicyFrom, draft, download, save } from './policy.js';
import { start, loadExample, upload, openStoredPolicy } from './data.js';

let refetchTimer = 0;
function refetchSoon() {
  clearTimeout(refetchTimer);
  refetchTimer = setTimeout(() => {
    if (!S.dataset) return;
    loadCurve(null, false);
    if (S.dataset.segmentColumns.length) loadSegmentChoices();
    fillPolicyFrom();
  }, 350);
}

function wire() {
  $('example-form').addEventListener('submit', (e) => { e.preventDefault(); loadExample($('example-select').value); });
  $('upload-form').addEventListener('submit', (e) => { e.preventDefault(); upload(); });
  $('policy-open-form').addEventListener('submit', (e) => { e.preventDefault(); openStoredPolicy(); });
  const slider = $('threshold-slider');
  slider.addEventListener('input', (e) => {
    // Timed from the event's own time stamp: to the end of the handler (every view changed), to the
    // next animation frame, and to the task after that frame (the frame is on screen by then).
    const started = e.timeStamp;
    setIndex(Number(slider.value));
    const handled = performance.now();
    requestAnimationFrame(() => {
      const frame = performance.now();
      setTimeout(() => {
        S.timings.push({ handler: handled - started, frame: frame - started, painted: performance.now() - started });
      }, 0);
    });
  });
  $('block-slider').addEventListener('input', () => setBlockIndex(Number($('block-slider').value)));
  $('threshold-form').addEventListener('submit', (e) => { e.preventDefault(); typedThreshold('threshold-input', false); });
  $('block-form').addEventListener('submit', (e) => { e.preventDefault(); typedThreshold('block-input', true); });
  $('bands-mode').addEventListener('change', () => { setBands($('bands-mode').checked); if (S.bands) loadCurve(null, false); });
  $('segment-select').addEventListener('change', () => selectSegment(JSON.parse($('segment-select').value || '[]')));
  $('hist-log').addEventListener('change', () => { if (S.curve) { renderHistogram(); moveCursors(); } });
  for (const id of ['cost-fn', 'cost-fp', 'daily-volume', 'review-minutes']) {
    $(id).addEventListener('input', () => {
      if (!S.curve) return;
      renderCostChart();
      update();
      if (id !== 'review-minutes') refetchSoon();
    });
  }
  for (const id of ['precision-target', 'budget-day', 'guarantee-p', 'guarantee-delta', 'unreachable-target', 'prevalence-value']) {
    $(id).addEventListener('input', refetchSoon);
  }
  $('few-count').addEventListener('change', () => { if ($('lab-few').checked) labToggle('lab-few'); });
  $('few-seed').addEventListener('change', () => { if ($('lab-few').checked) labToggle('lab-few'); });
  $('ties-decimals').addEventListener('change', () => { if ($('lab-ties').checked) labToggle('lab-ties'); });
  for (const id of ['lab-prevalence', 'lab-few', 'lab-ties', 'lab-unreachable', 'lab-calibration']) {
    $(id).addEventListener('change', () => labToggle(id));
  }
  $('unreachable-go').addEventListener('click', () => {
    const u = S.markers.find((m) => m.def.key === 'unreachable');
    const p = u && markerPoint(u);
    if (p) setIndex(indexOf(p.threshold));
  });
  $('joint-form').addEventListener('submit', (e) => { e.preventDefault(); chooseJointly(); });
  $('segments-form').addEventListener('submit', (e) => { e.preventDefault(); loadSegmentChoices(); });
  $('segments-table').addEventListener('click', (e) => {
    const view = e.target.closest('button[data-segment]');
    if (view) selectSegment(JSON.parse(view.dataset.segment));
  });
  $('policy-preview').addEventListener('click', draft);
  $('policy-download-yaml').addEventListener('click', () => download('yaml'));
  $('policy-download-json').addEventListener('click', () => download('json'));
  $('policy-save').addEventListener('click', save);
  // A server with tokens refuses everything until one is typed: then start again.
  $('token').addEventListener('change', () => { if (!S.dataset) start(); else refreshStoredPolicies(); });
  $('token-form').addEventListener('submit', (e) => e.preventDefault());
  followResizes(document.querySelector('.right'));
  fillPolicyFrom();
}

window.explorerTimings = S.timings;
document.body.dataset.state = 'empty';
wire();
start();
