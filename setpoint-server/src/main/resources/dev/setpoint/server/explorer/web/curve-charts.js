/* The charts of the current curve: precision–recall, ROC, scores by class, cost and flags per day. */
import { $, S } from './state.js';
import { confusion } from './definitions.js';
import { num } from './format.js';
import { costs, volume } from './inputs.js';
import { drawMarkers, chart } from './charts.js';

export function renderCharts() {
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

export function renderHistogram() {
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

export function renderCostChart() {
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
