/*
 * Setpoint explorer. Plain JavaScript, no build step; charts by uPlot (served from the jar).
 *
 * Every number comes from the server, which computes it with the core engine: the compressed curve
 * carries exact TP and FP at each kept threshold, markers are the core's selections, intervals and
 * calibration are the core's. The page only does arithmetic on those exact counts, following
 * docs/definitions.md (precision = TP/(TP+FP), undefined when nothing is flagged, and so on) in the
 * same order of operations as the core's Confusion, so the numbers are bit for bit the core's.
 */
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const BASE = '/v1/explorer';

  /** The page's state; one object, changed only by the functions below. */
  const S = {
    examples: [],
    storedPolicies: [],
    dataset: null,
    loadSeq: 0,
    curveSeq: 0,
    view: { segment: [], round: null, fewPositives: null, seed: 1 },
    curve: null,          // {thr, tp, fp, tieP, tieN, P, N, deployed: {tp, fp} | null}
    markers: [],          // [{def, data}]
    keep: [],             // thresholds the user typed or opened, kept exactly on refetch
    index: 0,             // the threshold's index in curve arrays
    blockIndex: 0,        // the block threshold's index (bands mode); blockIndex <= index
    bands: false,
    joint: null,          // the last joint band choice {block, review, ...}
    segmentChoices: null, // the last /segments answer
    pendingThresholds: null, // thresholds to move to after the next curve load
    charts: {},
    draft: null,
    timings: [],
  };
  window.explorerTimings = S.timings;

  // ---- definitions (docs/definitions.md), on exact counts -------------------------------------

  /** A ratio; null (undefined) when the denominator is zero, as docs/definitions.md#undefined-values. */
  function ratio(numerator, denominator) {
    return denominator === 0 ? null : numerator / denominator;
  }

  /** The confusion matrix and its rates at counts TP, FP, in the core's order of operations. */
  function confusion(tp, fp, P, N) {
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

  // ---- formatting ------------------------------------------------------------------------------

  function fmtRate(x) { return x == null ? '–' : x.toFixed(4); }
  function fmtCount(x) {
    if (x == null) return '–';
    return Number.isInteger(x) ? x.toLocaleString('en-US')
      : x.toLocaleString('en-US', { maximumFractionDigits: 3 });
  }
  function fmtThreshold(t) {
    if (t === Infinity) return '+∞ (flag nothing)';
    return String(Number(t.toPrecision(8)));
  }
  function fmtMoney(x) {
    return x == null ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  function out(id, value, text) {
    const el = $(id);
    el.dataset.value = value == null ? '' : String(value);
    el.textContent = text;
  }
  function num(v) { return v === '+Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v; }

  // ---- requests --------------------------------------------------------------------------------

  class Problem extends Error {
    constructor(status, body) {
      const detail = body && body.detail ? body.detail : 'the server answered ' + status;
      super(detail);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    const token = $('token').value.trim();
    if (token) opts.headers.Authorization = 'Bearer ' + token;
    const r = await fetch(path, opts);
    const type = r.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await r.json() : await r.text();
    if (!r.ok) throw new Problem(r.status, typeof body === 'object' ? body : null);
    return { status: r.status, body, headers: r.headers };
  }

  function showError(id, e) {
    let text = e instanceof Problem ? e.message : 'The request failed: ' + e.message;
    if (e instanceof Problem && e.body && Array.isArray(e.body.errors) && e.body.errors.length > 1) {
      text += '\n' + e.body.errors.map((x) => (x.pointer ? x.pointer + ': ' : '') + x.message).join('\n');
    }
    $(id).textContent = text;
  }

  function viewParams(params, view) {
    const v = view || S.view;
    for (const s of v.segment) params.append('segment', s);
    if (v.round != null) params.set('round', v.round);
    if (v.fewPositives != null) {
      params.set('fewPositives', v.fewPositives);
      params.set('seed', v.seed);
    }
    return params;
  }

  // ---- inputs ----------------------------------------------------------------------------------

  function inputNumber(id, fallback) {
    const v = Number($(id).value);
    return $(id).value.trim() === '' || !Number.isFinite(v) ? fallback : v;
  }
  function costs() { return { fn: inputNumber('cost-fn', 10), fp: inputNumber('cost-fp', 1) }; }
  function volume() { return Math.max(1, inputNumber('daily-volume', 120000)); }

  /** The objectives the markers show, in the order the server answers them. */
  function markerDefs() {
    const c = costs();
    const p = inputNumber('precision-target', 0.9);
    const k = inputNumber('budget-day', 500);
    const v = volume();
    const defs = [
      { key: 'f1', label: 'Max F1', objective: 'f1', color: '#16a34a' },
      { key: 'cost', label: 'Least cost (FN ' + c.fn + ', FP ' + c.fp + ')', objective: 'cost:fn=' + c.fn + ',fp=' + c.fp, color: '#dc2626' },
      { key: 'precision', label: 'Max recall at precision ≥ ' + p, objective: 'recall@precision>=' + p, color: '#7c3aed' },
      { key: 'budget', label: 'Review budget ' + k + ' flags/day of ' + v, objective: 'budget:flags<=' + Math.min(k, v) + '/day,volume=' + v + '/day', color: '#0891b2' },
    ];
    if ($('lab-unreachable').checked) {
      const t = inputNumber('unreachable-target', 0.99);
      defs.push({ key: 'unreachable', label: 'Target precision ≥ ' + t, objective: 'recall@precision>=' + t, color: '#be185d' });
    }
    if ($('lab-prevalence').checked) {
      const pi = prevalence();
      defs.push({ key: 'prevalence', label: 'Max recall at precision ≥ ' + p + ' at π′ = ' + pi, objective: 'recall@precision>=' + p + ';prevalence=' + pi, color: '#9333ea' });
    }
    return defs;
  }

  function guaranteeDef() {
    return { key: 'guarantee', label: 'Guaranteed precision ≥ ' + inputNumber('guarantee-p', 0.9) + ' (δ = ' + inputNumber('guarantee-delta', 0.05) + ')', color: '#ca8a04' };
  }

  function prevalence() {
    const v = inputNumber('prevalence-value', NaN);
    if (v > 0 && v < 1) return v;
    const d = S.dataset;
    const sample = d ? d.positives / (d.positives + d.negatives) : 0.01;
    return Number((sample / 10).toPrecision(2));
  }

  // ---- loading ---------------------------------------------------------------------------------

  async function start() {
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

  async function refreshStoredPolicies() {
    try {
      const r = await api(BASE + '/policies');
      S.storedPolicies = r.body.policies;
      const select = $('policy-select');
      if (!S.storedPolicies.length) {
        const o = document.createElement('option');
        o.value = '';
        o.textContent = '(none: no stored policy was chosen on data the explorer has)';
        select.replaceChildren(o);
        return;
      }
      select.replaceChildren(...S.storedPolicies.map((p, i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = p.name + ' v' + p.version + ' — chosen on ' + (p.source || p.sha256.slice(0, 12));
        return o;
      }));
    } catch (e) {
      // Without the read role the list stays empty; the data error area says why.
      showError('data-error', e);
    }
  }

  async function loadExample(name) {
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

  async function upload() {
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

  async function openStoredPolicy() {
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

  function fillSegments(d) {
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

  /** The curve of the current view and markers; keeps the threshold where it was unless {@code fresh}. */
  async function loadCurve(seq, fresh) {
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

  function clamp(i) { return Math.max(0, Math.min(S.curve.thr.length - 1, i | 0)); }

  /** The index of a kept threshold (exact), or the nearest one. */
  function indexOf(t) {
    const i = S.curve.thr.indexOf(t);
    return i >= 0 ? i : nearestIndex(t);
  }

  /** The index of the lowest kept threshold >= t (the rule's point), or 0 ("flag nothing"). */
  function nearestIndex(t) {
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

  // ---- the threshold ---------------------------------------------------------------------------

  function setIndex(i) {
    S.index = clamp(i);
    if (S.blockIndex > S.index) S.blockIndex = S.index;
    update();
  }

  function setBlockIndex(b) {
    S.blockIndex = clamp(b);
    if (S.index < S.blockIndex) S.index = S.blockIndex;
    update();
  }

  /** Puts every view at the current threshold. Synchronous and cheap: it runs on every slider step. */
  function update() {
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

  let intervalTimer = 0;
  /** Intervals need Beta quantiles: fetched from the server once the threshold settles. */
  function scheduleIntervals() {
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

  function showIntervals(b) {
    const iv = b.intervals;
    if (iv.unavailable) {
      $('interval-note').textContent = 'none: ' + iv.unavailable;
      return;
    }
    $('interval-note').textContent = Math.round(iv.confidence * 100) + ' % Clopper-Pearson, for a threshold fixed in advance (a threshold chosen on the same rows makes them optimistic).';
    $('m-precision-ci').textContent = range(iv.precision);
    $('m-recall-ci').textContent = range(iv.recall);
  }

  async function typedThreshold(inputId, block) {
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

  function setBands(on) {
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

  // ---- charts ----------------------------------------------------------------------------------

  function chartWidth(el) { return Math.max(280, el.clientWidth - 8); }

  function overlay(u, cls) {
    const d = document.createElement('div');
    d.className = cls;
    u.over.appendChild(d);
    return d;
  }

  function drawMarkers(kind) {
    return (u) => {
      const ctx = u.ctx;
      ctx.save();
      S.markers.forEach((m, n) => {
        const p = markerPoint(m);
        if (!p) return;
        const k = costs();
        const x = kind === 'pr' ? p.recall : kind === 'roc' ? p.fpr : p.threshold;
        const y = kind === 'pr' ? p.precision : kind === 'roc' ? p.recall : k.fn * p.fn + k.fp * p.fp;
        if (x == null || y == null || !Number.isFinite(x)) return;
        const cx = u.valToPos(x, 'x', true);
        const cy = u.valToPos(y, 'y', true);
        const r = 6 * devicePixelRatio;
        ctx.beginPath();
        ctx.arc(cx, cy, r, 0, 2 * Math.PI);
        ctx.fillStyle = m.def.color;
        ctx.fill();
        ctx.lineWidth = devicePixelRatio;
        ctx.strokeStyle = '#111';
        ctx.stroke();
        ctx.fillStyle = '#111';
        ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
        ctx.fillText(String(n + 1), cx + r + 2, cy - r);
      });
      ctx.restore();
    };
  }

  /** A marker's point on the current curve: its threshold's exact counts (nearest point when infeasible). */
  function markerPoint(m) {
    const src = m.data.feasible ? m.data : m.data.nearest;
    if (!src || !src.at) return null;
    const c = S.curve;
    const k = confusion(src.at.tp, src.at.fp, c.P, c.N);
    k.threshold = num(src.threshold);
    k.infeasible = !m.data.feasible;
    return k;
  }

  function renderCharts() {
    const c = S.curve;
    const n = c.thr.length;
    const recall = new Array(n);
    const precision = new Array(n);
    const fpr = new Array(n);
    const deployed = c.deployed ? new Array(n) : null;
    for (let i = 0; i < n; i++) {
      const k = confusion(c.tp[i], c.fp[i], c.P, c.N);
      recall[i] = k.recall;
      // The PR curve's end point (recall 0, precision 1) is for plotting only (docs/definitions.md#pr-curve).
      precision[i] = i === 0 ? 1 : k.precision;
      fpr[i] = k.fpr;
      if (deployed) {
        const d = confusion(c.deployed.tp[i], c.deployed.fp[i], c.deployed.P, c.deployed.N);
        deployed[i] = i === 0 ? 1 : d.precision;
      }
    }
    const prData = deployed ? [recall, precision, deployed] : [recall, precision];
    chart('pr', prData, () => ({
      scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1.02] } },
      axes: [{ label: 'Recall' }, { label: 'Precision' }],
      series: [{}, { label: 'Precision', stroke: '#1f5fbf', width: 2, points: { show: false } }].concat(deployed
        ? [{ label: 'Precision at π′', stroke: '#9333ea', width: 2, dash: [6, 4], points: { show: false } }] : []),
    }), drawMarkers('pr'));
    chart('roc', [fpr, recall, fpr], () => ({
      scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
      axes: [{ label: 'False positive rate' }, { label: 'Recall (TPR)' }],
      series: [{}, { label: 'ROC', stroke: '#1f5fbf', width: 2, points: { show: false } },
        { label: 'chance', stroke: '#9aa3b2', width: 1, dash: [4, 4], points: { show: false } }],
    }), drawMarkers('roc'));
    renderHistogram();
    renderCostChart();
    $('pr-caption').textContent = 'Precision–recall' + (c.ap != null ? ' (AP ' + c.ap.toFixed(4) + ')' : '');
    $('roc-caption').textContent = 'ROC' + (c.auc != null ? ' (AUC ' + c.auc.toFixed(4) + ')' : '');
  }

  /** Creates the chart once, or gives it new data; the options are rebuilt when the series change. */
  function chart(name, data, options, draw, force) {
    const el = $(name + '-chart');
    const existing = S.charts[name];
    if (existing && !force && existing.series.length === data.length) {
      existing.setData(data);
      return existing;
    }
    if (existing) existing.destroy();
    el.replaceChildren();
    const opts = Object.assign({
      width: chartWidth(el), height: 250, legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      hooks: draw ? { draw: [draw] } : {},
    }, options());
    const u = new uPlot(opts, data, el);
    u.cursorDot = overlay(u, 'cursor-dot');
    u.cursorLine = overlay(u, 'cursor-line');
    u.blockLine = overlay(u, 'cursor-line block');
    u.cursorDot.hidden = true;
    u.cursorLine.hidden = true;
    u.blockLine.hidden = true;
    S.charts[name] = u;
    return u;
  }

  function renderHistogram() {
    const h = S.curve.histogram;
    const log = $('hist-log').checked;
    const edges = h.edges.map(num);
    const bins = h.positives.length;
    const x = [];
    const pos = [];
    const neg = [];
    for (let b = 0; b < bins; b++) {
      x.push((edges[b] + edges[b + 1]) / 2);
      pos.push(log && h.positives[b] === 0 ? null : h.positives[b]);
      neg.push(log && h.negatives[b] === 0 ? null : h.negatives[b]);
    }
    const width = bins > 0 ? (edges[bins] - edges[0]) / bins : 1;
    const bars = uPlot.paths.bars({ size: [1, Infinity], gap: 1 });
    chart('hist', [x, neg, pos], () => ({
      scales: {
        x: { time: false, range: [edges[0] - width / 2, edges[bins] + width / 2] },
        y: log ? { distr: 3, log: 10 } : { range: (u, lo, hi) => [0, hi * 1.05] },
      },
      axes: [{ label: 'Score' }, { label: log ? 'Rows (log)' : 'Rows' }],
      series: [{}, { label: 'Negatives', stroke: '#2563eb', fill: 'rgba(37,99,235,0.35)', paths: bars, points: { show: false } },
        { label: 'Positives', stroke: '#c2410c', fill: 'rgba(194,65,12,0.45)', paths: bars, points: { show: false } }],
    }), null, S.histLog !== log);
    S.histLog = log;
  }

  function renderCostChart() {
    const c = S.curve;
    const k = costs();
    const v = volume();
    const x = [];
    const cost = [];
    const flags = [];
    for (let i = c.thr.length - 1; i >= 1; i--) {
      const m = confusion(c.tp[i], c.fp[i], c.P, c.N);
      x.push(c.thr[i]);
      cost.push(k.fn * m.fn + k.fp * m.fp);
      flags.push(m.flagRate == null ? null : m.flagRate * v);
    }
    chart('cost', [x, cost, flags], () => ({
      scales: { x: { time: false }, flags: { auto: true } },
      axes: [{ label: 'Threshold' }, { label: 'Expected cost', size: 60 }, { side: 1, scale: 'flags', label: 'Flags per day', size: 70, grid: { show: false } }],
      series: [{}, { label: 'Cost', stroke: '#dc2626', width: 2, points: { show: false } },
        { label: 'Flags/day', stroke: '#0891b2', width: 1.5, scale: 'flags', points: { show: false } }],
    }), drawMarkers('cost-x'));
  }

  /** Moves the dots and lines: a few style writes, no redraw. */
  function moveCursors() {
    const c = S.curve;
    const i = S.index;
    const k = confusion(c.tp[i], c.fp[i], c.P, c.N);
    const t = c.thr[i];
    const pr = S.charts.pr;
    if (pr) place(pr.cursorDot, pr, k.recall, i === 0 ? 1 : k.precision);
    const roc = S.charts.roc;
    if (roc) place(roc.cursorDot, roc, k.fpr, k.recall);
    for (const name of ['hist', 'cost']) {
      const u = S.charts[name];
      if (!u) continue;
      vertical(u.cursorLine, u, t);
      vertical(u.blockLine, u, S.bands ? c.thr[S.blockIndex] : Infinity);
    }
  }

  function place(dot, u, x, y) {
    if (x == null || y == null) {
      dot.hidden = true;
      return;
    }
    dot.hidden = false;
    dot.style.transform = 'translate(' + u.valToPos(x, 'x') + 'px,' + u.valToPos(y, 'y') + 'px)';
  }

  function vertical(line, u, x) {
    if (!Number.isFinite(x)) {
      line.hidden = true;
      return;
    }
    line.hidden = false;
    line.style.transform = 'translateX(' + u.valToPos(x, 'x') + 'px)';
  }

  // ---- objectives ------------------------------------------------------------------------------

  function renderMarkers() {
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

  // ---- bands -----------------------------------------------------------------------------------

  async function chooseJointly() {
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

  // ---- segments --------------------------------------------------------------------------------

  async function loadSegmentChoices() {
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
      b.addEventListener('click', () => selectSegment(s.segment));
      td.append(b);
      tr.append(td);
      return tr;
    });
    body.replaceChildren(...rows);
  }

  async function selectSegment(values) {
    $('segment-select').value = JSON.stringify(values);
    S.view.segment = values;
    const s = segmentChoice();
    if (s && !S.keep.includes(num(s.effective.threshold))) S.keep.push(num(s.effective.threshold));
    await loadCurve(null, false);
  }

  /**
   * The per-segment choice of the segment shown, when it has one (fallback or not): its marker goes on
   * the segment's own curve, at the threshold the segment will use.
   */
  function segmentChoice() {
    if (!S.segmentChoices || !S.view.segment.length) return null;
    const key = JSON.stringify(S.view.segment);
    const s = S.segmentChoices.segments.find((x) => JSON.stringify(x.segment) === key);
    return s && s.effective.feasible ? s : null;
  }

  // ---- the lab ---------------------------------------------------------------------------------

  function renderLab() {
    const u = S.markers.find((m) => m.def.key === 'unreachable');
    if (u) {
      $('unreachable-result').textContent = u.data.feasible
        ? 'Reachable here: threshold ' + fmtThreshold(num(u.data.threshold)) + ' (recall ' + fmtRate(markerPoint(u).recall) + '). Raise the target to see the infeasible answer.'
        : 'Infeasible: ' + u.data.reason + '.';
      $('unreachable-go').disabled = !(u.data.feasible || u.data.nearest);
    }
    const deployedShown = !!S.curve.deployed;
    $('deployed-term').hidden = !deployedShown;
    $('deployed-def').hidden = !deployedShown;
    if ($('lab-calibration').checked) loadReliability();
  }

  async function loadReliability() {
    const params = viewParams(new URLSearchParams());
    params.set('bins', '10');
    try {
      const r = await api(BASE + '/datasets/' + S.dataset.id + '/reliability?' + params);
      const b = r.body;
      if (b.unavailable) {
        $('rel-summary').textContent = b.unavailable;
        $('rel-table').tBodies[0].replaceChildren();
        return;
      }
      $('rel-summary').textContent = 'Expected calibration error ' + b.expectedCalibrationError.toFixed(4) + ', Brier score ' + b.brierScore.toFixed(4)
        + '. Bins below the diagonal: the scores overstate the chance of a positive there.';
      const pts = b.table.filter((x) => x.weight > 0);
      const x = pts.map((p) => p.meanPredicted);
      const y = pts.map((p) => p.observedRate);
      chart('rel', [x, y, x.slice()], () => ({
        scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
        axes: [{ label: 'Mean score in bin' }, { label: 'Observed positive rate' }],
        series: [{}, { label: 'Observed', stroke: '#c2410c', width: 2, points: { show: true, size: 8 } },
          { label: 'Calibrated', stroke: '#9aa3b2', dash: [4, 4], width: 1, points: { show: false } }],
      }), null, true);
      $('rel-table').tBodies[0].replaceChildren(...b.table.map((row) => {
        const tr = document.createElement('tr');
        for (const text of [(row.lower).toFixed(2) + '–' + (row.upper).toFixed(2), fmtCount(row.weight), fmtRate(row.meanPredicted), fmtRate(row.observedRate)]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }));
    } catch (e) {
      showError('threshold-error', e);
    }
  }

  function labToggle(id) {
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

  // ---- save as policy --------------------------------------------------------------------------

  function fillPolicyFrom() {
    const select = $('policy-from');
    const previous = select.value;
    const options = [];
    const add = (value, text) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      options.push(o);
    };
    add('manual', S.bands ? 'The block and review thresholds set above' : 'The threshold set above');
    if (S.bands && S.joint && S.joint.feasible) add('joint', 'Block and review chosen jointly (block precision, review capacity)');
    for (const d of markerDefs().filter((x) => ['f1', 'cost', 'precision', 'budget'].includes(x.key))) add('objective:' + d.objective, 'Objective: ' + d.label);
    select.replaceChildren(...options);
    if (options.some((o) => o.value === previous)) select.value = previous;
  }

  function draftBody() {
    const c = S.curve;
    const body = { name: $('policy-name').value.trim() };
    const from = $('policy-from').value || 'manual';
    if (from === 'manual') {
      if (S.bands) {
        body.bands = { block: c.thr[S.blockIndex], review: c.thr[S.index] };
        if (!Number.isFinite(body.bands.block)) body.bands.block = body.bands.review;
      } else {
        body.threshold = c.thr[S.index];
      }
      if (S.bands ? !Number.isFinite(c.thr[S.index]) : !Number.isFinite(body.threshold)) {
        throw new Error('the threshold flags nothing (+∞); move it to a score first');
      }
    } else if (from === 'joint') {
      body.jointBands = { blockPrecision: inputNumber('joint-precision', 0.9), reviewCapacity: 'flags<=' + Math.min(inputNumber('joint-capacity', 500), volume()) + '/day,volume=' + volume() + '/day' };
    } else {
      body.objective = from.slice('objective:'.length);
    }
    if (S.dataset.segmentColumns.length) body.segments = $('policy-segments').checked;
    body.minPositives = inputNumber('min-positives', 30);
    body.action = $('policy-action').value;
    for (const [field, id] of [['queue', 'policy-queue'], ['modelName', 'model-name'], ['modelVersion', 'model-version'], ['createdBy', 'created-by']]) {
      const v = $(id).value.trim();
      if (v) body[field] = v;
    }
    return body;
  }

  async function draft() {
    $('save-error').textContent = '';
    $('save-status').textContent = '';
    let body;
    try {
      body = draftBody();
    } catch (e) {
      $('save-error').textContent = 'Cannot save: ' + e.message + '.';
      return null;
    }
    try {
      const r = await api(BASE + '/datasets/' + S.dataset.id + '/policy', {
        method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' },
      });
      S.draft = r.body;
      $('policy-yaml').textContent = r.body.yaml;
      $('policy-yaml').hidden = false;
      $('save-status').textContent = 'Policy "' + r.body.name + '": ' + r.body.segments + ' segment' + (r.body.segments === 1 ? '' : 's')
        + (r.body.warnings.length ? '; warnings: ' + r.body.warnings.map((w) => w.pointer + ': ' + w.message).join('; ') : '; valid, no warnings') + '.';
      return r.body;
    } catch (e) {
      showError('save-error', e);
      return null;
    }
  }

  async function download(kind) {
    const d = await draft();
    if (!d) return;
    const text = kind === 'yaml' ? d.yaml : JSON.stringify(d.document, null, 2) + '\n';
    const blob = new Blob([text], { type: kind === 'yaml' ? 'application/yaml' : 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = d.name + (kind === 'yaml' ? '.yaml' : '.json');
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  /** Stores the draft as a new version, with If-Match naming the latest version read just before. */
  async function save() {
    const d = await draft();
    if (!d) return;
    const name = d.name;
    let latest = 0;
    try {
      const r = await api('/v1/policies/' + encodeURIComponent(name));
      latest = Number((r.headers.get('ETag') || '"0"').replace(/\D/g, ''));
    } catch (e) {
      if (!(e instanceof Problem && e.status === 404)) {
        showError('save-error', e);
        return;
      }
    }
    try {
      const r = await api('/v1/policies/' + encodeURIComponent(name), {
        method: 'PUT', body: JSON.stringify(d.document),
        headers: { 'Content-Type': 'application/json', 'If-Match': '"' + latest + '"', 'X-Setpoint-Comment': 'saved from the explorer' },
      });
      $('save-status').textContent = 'Stored "' + name + '" as version ' + r.body.version + (latest ? ' (after version ' + latest + ')' : ' (a new policy)')
        + '. It is not active yet: activate it with POST /v1/policies/' + name + '/activate.';
      $('save-status').dataset.version = String(r.body.version);
      refreshStoredPolicies();
    } catch (e) {
      showError('save-error', e);
    }
  }

  // ---- wiring ----------------------------------------------------------------------------------

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
    $('policy-preview').addEventListener('click', draft);
    $('policy-download-yaml').addEventListener('click', () => download('yaml'));
    $('policy-download-json').addEventListener('click', () => download('json'));
    $('policy-save').addEventListener('click', save);
    // A server with tokens refuses everything until one is typed: then start again.
    $('token').addEventListener('change', () => { if (!S.dataset) start(); else refreshStoredPolicies(); });
    $('token-form').addEventListener('submit', (e) => e.preventDefault());
    let resizeTimer = 0;
    new ResizeObserver(() => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        for (const [name, u] of Object.entries(S.charts)) {
          const el = $(name + '-chart');
          if (el.clientWidth && Math.abs(chartWidth(el) - u.width) > 4) u.setSize({ width: chartWidth(el), height: 250 });
        }
        if (S.curve) moveCursors();
      }, 150);
    }).observe(document.querySelector('.right'));
    fillPolicyFrom();
  }

  document.body.dataset.state = 'empty';
  wire();
  start();
}());
