/*
 * Policies: the stored ones the page can open, and a draft previewed, downloaded or stored as a new
 * version.
 */
import { $, BASE, S } from './state.js';
import { Problem, api, showError } from './api.js';
import { inputNumber, volume, markerDefs } from './inputs.js';

export async function refreshStoredPolicies() {
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

export function fillPolicyFrom() {
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

export async function draft() {
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

export async function download(kind) {
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
export async function save() {
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
