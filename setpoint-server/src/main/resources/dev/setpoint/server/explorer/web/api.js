/* Requests to the server: the token, problems (RFC 9457) as errors, and how they are shown. */
import { $, S } from './state.js';

export class Problem extends Error {
  constructor(status, body) {
    const detail = body && body.detail ? body.detail : 'the server answered ' + status;
    super(detail);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, options) {
  const opts = Object.assign({ headers: {} }, options || {});
  const token = $('token').value.trim();
  if (token) opts.headers.Authorization = 'Bearer ' + token;
  const r = await fetch(path, opts);
  const type = r.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new Problem(r.status, typeof body === 'object' ? body : null);
  return { status: r.status, body, headers: r.headers };
}

export function showError(id, e) {
  let text = e instanceof Problem ? e.message : 'The request failed: ' + e.message;
  if (e instanceof Problem && e.body && Array.isArray(e.body.errors) && e.body.errors.length > 1) {
    text += '\n' + e.body.errors.map((x) => (x.pointer ? x.pointer + ': ' : '') + x.message).join('\n');
  }
  $(id).textContent = text;
}

export function viewParams(params, view) {
  const v = view || S.view;
  for (const s of v.segment) params.append('segment', s);
  if (v.round != null) params.set('round', v.round);
  if (v.fewPositives != null) {
    params.set('fewPositives', v.fewPositives);
    params.set('seed', v.seed);
  }
  return params;
}
