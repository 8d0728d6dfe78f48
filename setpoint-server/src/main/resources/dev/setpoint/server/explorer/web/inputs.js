/* The page's number inputs: costs, daily volume, and the objectives the markers show. */
import { $, S } from './state.js';

export function inputNumber(id, fallback) {
  const v = Number($(id).value);
  return $(id).value.trim() === '' || !Number.isFinite(v) ? fallback : v;
}
export function costs() { return { fn: inputNumber('cost-fn', 10), fp: inputNumber('cost-fp', 1) }; }
export function volume() { return Math.max(1, inputNumber('daily-volume', 120000)); }

/** The objectives the markers show, in the order the server answers them. */
export function markerDefs() {
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

export function guaranteeDef() {
  return { key: 'guarantee', label: 'Guaranteed precision ≥ ' + inputNumber('guarantee-p', 0.9) + ' (δ = ' + inputNumber('guarantee-delta', 0.05) + ')', color: '#ca8a04' };
}

export function prevalence() {
  const v = inputNumber('prevalence-value', NaN);
  if (v > 0 && v < 1) return v;
  const d = S.dataset;
  const sample = d ? d.positives / (d.positives + d.negatives) : 0.01;
  return Number((sample / 10).toPrecision(2));
}
