/* Numbers, counts and thresholds as the page prints them, and the outputs they go to. */
import { $ } from './state.js';

export function fmtRate(x) { return x == null ? '–' : x.toFixed(4); }
export function fmtCount(x) {
  if (x == null) return '–';
  return Number.isInteger(x) ? x.toLocaleString('en-US')
    : x.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
export function fmtThreshold(t) {
  if (t === Infinity) return '+∞ (flag nothing)';
  return String(Number(t.toPrecision(8)));
}
export function fmtMoney(x) {
  return x == null ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
export function out(id, value, text) {
  const el = $(id);
  el.dataset.value = value == null ? '' : String(value);
  el.textContent = text;
}
export function num(v) { return v === '+Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v; }
