/*
 * uPlot charts, made once and given new data; the markers drawn on them and the cursors the
 * threshold moves (a few style writes per slider step, no redraw). uPlot is the global the classic
 * script before the page's module defines.
 */
import { $, S } from './state.js';
import { confusion } from './definitions.js';
import { costs } from './inputs.js';
import { markerPoint } from './points.js';

function chartWidth(el) { return Math.max(280, el.clientWidth - 8); }

function overlay(u, cls) {
  const d = document.createElement('div');
  d.className = cls;
  u.over.appendChild(d);
  return d;
}

export function drawMarkers(kind) {
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

/** Creates the chart once, or gives it new data; the options are rebuilt when the series change. */
export function chart(name, data, options, draw, force) {
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

/** Moves the dots and lines: a few style writes, no redraw. */
export function moveCursors() {
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

/** Fits the charts to their column when it changes width, once the resizing pauses. */
export function followResizes(column) {
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
  }).observe(column);
}
