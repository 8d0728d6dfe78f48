/* Data: the examples, uploads, and the data set a stored policy was chosen on. */
import { $, BASE, S } from './state.js';
import { fmtCount } from './format.js';
import { Problem, api, showError } from './api.js';
import { fillSegments, loadSegmentChoices } from './segments.js';
import { loadCurve } from './view.js';
import { refreshStoredPolicies } from './policy.js';

export async function start() {
  try {
    const ex = await api(BASE + '/examples');
    S.examples = ex.body.examples;
    const select = $('example-select');
    select.replaceChildren(...S.examples.map((e) => {
      const o = document.createElement('option');
      o.value = e.name;
      o.textContent = e.title;
      return o;
    }));
  } catch (e) {
    showError('data-error', e);
  }
  refreshStoredPolicies();
  const params = new URLSearchParams(location.search);
  const first = params.get('example') || (S.examples[0] && S.examples[0].name);
  if (first && params.get('example') !== '') loadExample(first);
}

export async function loadExample(name) {
  const seq = ++S.loadSeq;
  $('data-error').textContent = '';
  $('data-status').textContent = 'Loading ' + name + '…';
  document.body.dataset.state = 'loading';
  try {
    const r = await api(BASE + '/examples/' + encodeURIComponent(name), { method: 'POST' });
    if (seq !== S.loadSeq) return;
    await useDataset(r.body, seq);
  } catch (e) {
    if (seq === S.loadSeq) failLoad(e);
  }
}

export async function upload() {
  const file = $('upload-file').files[0];
  $('data-error').textContent = '';
  if (!file) {
    $('data-error').textContent = 'Choose a file to upload first.';
    return;
  }
  const seq = ++S.loadSeq;
  const params = new URLSearchParams();
  params.set('name', file.name);
  const fields = { score: 'upload-score', label: 'upload-label', weight: 'upload-weight', segment: 'upload-segment', positiveLabel: 'upload-positive', negativeLabel: 'upload-negative', delimiter: 'upload-delimiter' };
  for (const [param, id] of Object.entries(fields)) {
    const v = $(id).value.trim();
    if (v) params.set(param, v);
  }
  if ($('upload-drop').checked) params.set('dropInvalid', 'true');
  $('data-status').textContent = 'Uploading ' + file.name + ' (' + fmtCount(file.size) + ' bytes)…';
  document.body.dataset.state = 'loading';
  try {
    const r = await api(BASE + '/datasets?' + params, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    if (seq !== S.loadSeq) return;
    await useDataset(r.body, seq);
  } catch (e) {
    if (seq === S.loadSeq) failLoad(e, uploadAdvice(e));
  }
}

/**
 * The server's sentence for a refused upload, as a sentence of its own, and what the reader can do
 * about it; null for the problems that say it all (a bad row, a file too large).
 */
function uploadAdvice(e) {
  if (!(e instanceof Problem)) return null;
  if (e.status === 403) {
    return 'Not allowed: ' + e.message + '.\nUploading needs a token with the upload role: type one '
      + 'in “Access token” below. The examples need only the read role.';
  }
  if (e.status === 503) {
    return e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.\nNothing was dropped: '
      + 'your data sets and everyone else’s are as they were.';
  }
  return null;
}

function failLoad(e, text) {
  $('data-status').textContent = '';
  if (text) {
    $('data-error').textContent = text;
  } else {
    showError('data-error', e);
  }
  document.body.dataset.state = S.curve ? 'ready' : 'empty';
}

export async function openStoredPolicy() {
  const p = S.storedPolicies[Number($('policy-select').value)];
  if (!p) return;
  const thresholds = p.thresholds.map((t) => t.minScore).sort((a, b) => b - a);
  S.pendingThresholds = thresholds;
  if (p.example) {
    await loadExample(p.example);
  } else {
    const seq = ++S.loadSeq;
    try {
      const r = await api(BASE + '/datasets/' + encodeURIComponent(p.dataset));
      if (seq === S.loadSeq) await useDataset(r.body, seq);
    } catch (e) {
      if (seq === S.loadSeq) failLoad(e);
    }
  }
}

async function useDataset(d, seq) {
  S.dataset = d;
  S.view = { segment: [], round: null, fewPositives: null, seed: 1 };
  S.keep = S.pendingThresholds ? S.pendingThresholds.slice() : [];
  S.segmentChoices = null;
  S.joint = null;
  const share = d.positives / (d.positives + d.negatives);
  $('dataset-line').textContent = d.name + ' — ' + fmtCount(d.rowsUsed) + ' rows, ' + fmtCount(d.positives)
    + ' positives (' + (100 * share).toFixed(2) + ' %), ' + fmtCount(d.negatives) + ' negatives'
    + (d.weighted ? ' (weighted)' : '') + (d.segmentColumns.length ? '; segments by ' + d.segmentColumns.join(', ') : '');
  const dropped = Object.entries(d.dropped || {});
  $('data-status').textContent = 'Loaded ' + d.name + ' (' + d.origin + ', sha256 ' + d.sha256.slice(0, 12) + '…)'
    + (dropped.length ? '; ' + fmtCount(d.rowsRead - d.rowsUsed) + ' invalid rows dropped: ' + dropped.map(([why, n]) => fmtCount(n) + ' ' + why).join(', ') : '')
    + (d.evicted && d.evicted.length ? '; dropped from memory: ' + d.evicted.join(', ') : '');
  $('prevalence-value').value = String(Number((share / 10).toPrecision(2)));
  for (const id of ['lab-prevalence', 'lab-few', 'lab-ties', 'lab-unreachable', 'lab-calibration']) {
    $(id).checked = false;
    $(id).disabled = false;
    $(id + '-body').hidden = true;
  }
  fillSegments(d);
  $('segments-panel').hidden = d.segmentColumns.length === 0;
  $('policy-segments').checked = d.segmentColumns.length > 0;
  $('policy-segments').disabled = d.segmentColumns.length === 0;
  $('policy-name').value = d.name.replace(/\.[^.]*(\.gz)?$/, '').replace(/[^A-Za-z0-9_.:/-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'explored';
  await loadCurve(seq, true);
  if (d.segmentColumns.length) loadSegmentChoices();
  refreshStoredPolicies();
}
