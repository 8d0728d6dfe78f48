/* The failure-mode lab's views: the unreachable target's answer and the reliability plot. */
import { $, BASE, S } from './state.js';
import { fmtRate, fmtCount, fmtThreshold, num } from './format.js';
import { api, showError, viewParams } from './api.js';
import { markerPoint } from './points.js';
import { chart } from './charts.js';

export function renderLab() {
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

export async function loadReliability() {
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
