// The rule-set panel: version, load time, files and their rules, and the last refused reload.
import { $, el, fill } from './dom.js';
import { when, ago, shortVersion } from './format.js';
import { problemNode } from './api.js';
import { state } from './state.js';

export function renderRules() {
  const r = state.rules || {};
  const files = Array.isArray(r.files) ? r.files : [];
  const total = files.reduce((n, f) => n + (Array.isArray(f.rules) ? f.rules.length : 0), 0);
  fill($('#rules-body'),
    el('dl', { class: 'kv' },
      el('dt', {}, 'Version'), el('dd', {}, el('code', { id: 'rules-version', title: r.version || '' }, shortVersion(r.version))),
      el('dt', {}, 'Loaded'), el('dd', { title: r.loadedAt || '' }, when(r.loadedAt), el('span', { class: 'muted', 'data-ago': r.loadedAt || '' }, ' · ' + ago(r.loadedAt))),
      el('dt', {}, 'Rules'), el('dd', {}, `${total} in ${files.length} file${files.length === 1 ? '' : 's'}`),
      typeof r.scenarios === 'number' ? [el('dt', {}, 'Scenarios'), el('dd', {}, `${r.scenarios} passed`)] : null,
      typeof r.watching === 'boolean' ? [el('dt', {}, 'Folder'), el('dd', {}, r.watching ? 'watched: reloads by itself' : 'not watched')] : null),
    r.lastError ? el('div', { class: 'last-error', role: 'alert' }, el('strong', {}, 'Last reload failed; the rules above stay active.'), lastErrorNode(r.lastError)) : null,
    el('div', { class: 'files' }, files.map(f => el('details', { class: 'file' },
      el('summary', {}, el('code', {}, f.file), el('span', { class: 'muted' }, ` ${(f.rules || []).length} rule${(f.rules || []).length === 1 ? '' : 's'}`)),
      el('ul', {}, (f.rules || []).map(name => el('li', {}, name)))))));
}

function lastErrorNode(e) {
  if (typeof e === 'string') return el('pre', {}, e);
  if (e && typeof e === 'object') {
    const errs = Array.isArray(e.errors) ? e.errors : Array.isArray(e) ? e : null;
    if (errs) {
      return el('div', {}, e.at || e.time ? el('div', { class: 'muted' }, when(e.at || e.time)) : null,
        e.detail || e.message ? el('div', {}, e.detail || e.message) : null,
        el('ul', {}, errs.map(x => el('li', {}, el('code', {}, [x.file, x.line, x.column].filter(v => v !== undefined && v !== null).join(':')), ' ', x.message || ''))));
    }
    return el('pre', {}, e.message || e.detail || JSON.stringify(e, null, 2));
  }
  return el('pre', {}, String(e));
}

/** GET /rules failed: say so, unless an earlier answer is on show (it stays). */
export function renderRulesError(e) {
  if (state.rules) return;
  fill($('#rules-body'), el('div', { class: 'last-error' }, problemNode(e)));
}
