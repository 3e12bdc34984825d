// The rule-set panels: the active version, its files and rules, the last refused reload; and the archive of every
// version that was ever active (GET /rules/versions), each with what it changed against the one before it (a
// unified diff of its files and the tier moves), and for the admin a rollback to it.
import { $, el, fill } from './dom.js';
import { when, ago, shortVersion } from './format.js';
import { api, credentials, problemNode } from './api.js';
import { state, reduceMotion } from './state.js';
import { tierPill } from './board.js';
import { confirmDialog } from './dialog.js';
import { explainRefusal } from './signin.js';

export function renderRules() {
  const r = state.rules || {};
  const files = Array.isArray(r.files) ? r.files : [];
  const total = files.reduce((n, f) => n + (Array.isArray(f.rules) ? f.rules.length : 0), 0);
  fill(
    $('#rules-body'),
    el(
      'dl',
      { class: 'kv' },
      el('dt', {}, 'Version'),
      el(
        'dd',
        {},
        el('code', { id: 'rules-version', title: r.version || '' }, shortVersion(r.version)),
        r.folderDiffers ? [' ', folderBadge(r)] : null,
      ),
      el('dt', {}, 'Loaded'),
      el(
        'dd',
        { title: r.loadedAt || '' },
        when(r.loadedAt),
        el('span', { class: 'muted', 'data-ago': r.loadedAt || '' }, ' · ' + ago(r.loadedAt)),
      ),
      el('dt', {}, 'Rules'),
      el('dd', {}, `${total} in ${files.length} file${files.length === 1 ? '' : 's'}`),
      typeof r.scenarios === 'number' ? [el('dt', {}, 'Scenarios'), el('dd', {}, `${r.scenarios} passed`)] : null,
      typeof r.watching === 'boolean'
        ? [el('dt', {}, 'Folder'), el('dd', {}, r.watching ? 'watched: reloads by itself' : 'not watched')]
        : null,
    ),
    r.folderDiffers
      ? el(
          'p',
          { class: 'folder-note', id: 'folder-differs' },
          'The rule folder holds another version',
          r.folderVersion ? [' (', el('code', { title: r.folderVersion }, shortVersion(r.folderVersion)), ')'] : null,
          ' than the active one, as after a rollback: its next change goes live as usual.',
        )
      : null,
    r.lastError
      ? el(
          'div',
          { class: 'last-error', role: 'alert' },
          el('strong', {}, 'Last reload failed; the rules above stay active.'),
          lastErrorNode(r.lastError),
        )
      : null,
    el(
      'div',
      { class: 'files' },
      files.map(f =>
        el(
          'details',
          { class: 'file' },
          el(
            'summary',
            {},
            el('code', {}, f.file),
            el('span', { class: 'muted' }, ` ${(f.rules || []).length} rule${(f.rules || []).length === 1 ? '' : 's'}`),
          ),
          el(
            'ul',
            {},
            (f.rules || []).map(name => el('li', {}, name)),
          ),
        ),
      ),
    ),
  );
  renderFolder();
}

function folderBadge(r) {
  return el(
    'span',
    {
      class: 'badge folder-differs',
      title: r.folderVersion ? 'The rule folder holds ' + r.folderVersion : 'The rule folder holds another version',
    },
    'folder differs',
  );
}

function lastErrorNode(e) {
  if (typeof e === 'string') return el('pre', {}, e);
  if (e && typeof e === 'object') {
    const errs = Array.isArray(e.errors) ? e.errors : Array.isArray(e) ? e : null;
    if (errs) {
      return el(
        'div',
        {},
        e.at || e.time ? el('div', { class: 'muted' }, when(e.at || e.time)) : null,
        e.detail || e.message ? el('div', {}, e.detail || e.message) : null,
        el(
          'ul',
          {},
          errs.map(x =>
            el(
              'li',
              {},
              el('code', {}, [x.file, x.line, x.column].filter(v => v !== undefined && v !== null).join(':')),
              ' ',
              x.message || '',
            ),
          ),
        ),
      );
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

// ---------------------------------------------------------------- the archive of versions

const archive = {
  list: null, // GET /rules/versions, newest first
  error: null, // its last failure, while no list is on show
  sig: null,
  loadedFor: null, // the active version the list was loaded under
  selected: null, // key of the selected activation: version@activatedAt
  back: null, // the ticker whose history opened the selected version
  view: null, // {key, diff | detail | error} of the selected activation
  answer: null, // {key, report | error}: the last rollback from this panel
  busy: false,
};

let refreshAll = async () => {};
let openOperator = () => {};
/** What to do after a rollback (main.js: reload the board now), and when a ticker of a tier move is picked. */
export function onRulesAction({ stored, open }) {
  if (stored) refreshAll = stored;
  if (open) openOperator = open;
}

const keyOf = a => a.version + '@' + a.activatedAt;
const activeVersion = () => (state.rules && state.rules.version) || null;

/** The activation of the active version: the newest one of that version. */
function activeKey() {
  const v = activeVersion();
  const a = (archive.list || []).find(x => x.version === v);
  return a ? keyOf(a) : null;
}

let loading = null;

/**
 * Loads GET /rules/versions when the active version changed since the last load, while an activation is still
 * reclassifying (changes null), or when force; then redraws the list. One load at a time.
 */
export function refreshVersions(force) {
  if (loading) return force ? loading.then(() => refreshVersions(true)) : loading;
  const pending = (archive.list || []).some(a => a.changes === null || a.changes === undefined);
  if (!force && !pending && archive.list && archive.loadedFor === activeVersion()) return Promise.resolve();
  loading = loadVersions().finally(() => {
    loading = null;
  });
  return loading;
}

async function loadVersions() {
  const under = activeVersion();
  try {
    const list = await api('rules/versions');
    archive.list = Array.isArray(list) ? list : [];
    archive.error = null;
    archive.loadedFor = under;
  } catch (e) {
    archive.error = e;
  }
  const sig = JSON.stringify([archive.list, activeVersion(), archive.error && archive.error.message]);
  if (sig === archive.sig) return;
  archive.sig = sig;
  renderVersionList();
  renderVersionView();
}

function renderFolder() {
  const r = state.rules || {};
  const box = $('#versions-folder');
  if (box) fill(box, r.folderDiffers ? folderBadge(r) : null);
}

function changesText(n) {
  if (n === null || n === undefined) return 'reclassifying…';
  return n === 0 ? 'no tier moved' : `${n} tier move${n === 1 ? '' : 's'}`;
}

function renderVersionList() {
  const box = $('#versions-list');
  if (!archive.list) {
    fill(
      box,
      archive.error
        ? el('div', { class: 'last-error' }, problemNode(archive.error))
        : el('p', { class: 'hint' }, 'Loading…'),
    );
    return;
  }
  if (!archive.list.length) {
    fill(box, el('p', { class: 'hint' }, 'No version archived yet'));
    return;
  }
  const active = activeKey();
  const focused =
    document.activeElement && document.activeElement.closest && document.activeElement.closest('.version-item');
  const focusKey = focused ? focused.dataset.key : null;
  fill(
    box,
    el(
      'ol',
      { class: 'version-list', 'aria-label': 'Archived rule-set versions, newest first' },
      archive.list.map(a => {
        const key = keyOf(a);
        return el(
          'li',
          { class: key === active ? 'active' : '' },
          el(
            'button',
            {
              type: 'button',
              class: 'version-item',
              'data-key': key,
              'data-version': a.version,
              'aria-pressed': String(key === archive.selected),
              onclick: () => select(key, null),
            },
            el(
              'span',
              { class: 'vi-head' },
              el('code', { title: a.version }, shortVersion(a.version)),
              key === active ? el('span', { class: 'badge active-badge' }, 'active') : null,
            ),
            el(
              'span',
              { class: 'vi-when', title: a.activatedAt || '' },
              when(a.activatedAt),
              ' · by ',
              a.activatedBy || '—',
            ),
            el(
              'span',
              { class: 'vi-moves' + (a.changes ? ' some' : '') },
              changesText(a.changes),
              a.previousVersion
                ? el('span', { class: 'muted' }, ' · after ', shortVersion(a.previousVersion))
                : el('span', { class: 'muted' }, ' · first archived'),
            ),
          ),
        );
      }),
    ),
  );
  if (focusKey) {
    const again = box.querySelector(`.version-item[data-key="${CSS.escape(focusKey)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

/** Shows a version in the panel: its newest activation, with its diff; back names the operator it was opened from. */
export function openVersion(version, { back } = {}) {
  const panel = $('#versions');
  const show = () => {
    const a = (archive.list || []).find(x => x.version === version);
    select(a ? keyOf(a) : version + '@', back || null);
    panel.scrollIntoView({ block: 'start', behavior: reduceMotion ? 'auto' : 'smooth' });
    const title = $('#version-title');
    if (title) title.focus({ preventScroll: true });
  };
  if (archive.list && archive.list.some(x => x.version === version)) show();
  else refreshVersions(true).then(show);
}

let viewSeq = 0;

async function select(key, back) {
  archive.selected = key;
  archive.back = back;
  document
    .querySelectorAll('#versions-list .version-item')
    .forEach(b => b.setAttribute('aria-pressed', String(b.dataset.key === key)));
  const a = entry(key);
  archive.view = { key };
  renderVersionView();
  const seq = ++viewSeq;
  try {
    const v = encodeURIComponent(a.version);
    if (a.previousVersion) {
      archive.view = {
        key,
        diff: await api(`rules/versions/${v}/diff?against=${encodeURIComponent(a.previousVersion)}`),
      };
    } else {
      archive.view = { key, detail: await api(`rules/versions/${v}`) };
    }
  } catch (e) {
    archive.view = { key, error: e };
  }
  if (seq !== viewSeq || archive.selected !== key) return;
  renderVersionView();
}

/** The activation of a key; for a version the list does not (yet) hold, one made of the key. */
function entry(key) {
  const a = (archive.list || []).find(x => keyOf(x) === key);
  if (a) return a;
  const version = key.slice(0, key.lastIndexOf('@'));
  return { version, activatedAt: null, activatedBy: null, previousVersion: null, changes: undefined, files: [] };
}

function renderVersionView() {
  const box = $('#version-view');
  const key = archive.selected;
  if (!key) {
    fill(
      box,
      el(
        'p',
        { class: 'hint' },
        'Pick a version to see what it changed: its files against the version before it, and the operators it ' +
          'classifies differently.',
      ),
    );
    return;
  }
  const a = entry(key);
  const active = a.version === activeVersion(); // this activation, or a later one of the same version
  const view = archive.view && archive.view.key === key ? archive.view : { key };
  const focusInside = box.contains(document.activeElement) ? document.activeElement : null;
  const refocus = focusInside && focusInside.id;
  box.dataset.version = a.version;
  fill(
    box,
    el(
      'div',
      { class: 'vv-head' },
      el(
        'h3',
        { id: 'version-title', tabindex: -1 },
        'Version ',
        el('code', { title: a.version }, shortVersion(a.version)),
        active ? el('span', { class: 'badge active-badge' }, 'active') : null,
      ),
      archive.back
        ? el(
            'button',
            { type: 'button', class: 'btn small ghost', id: 'version-back', onclick: () => openOperator(archive.back) },
            '← Back to ',
            archive.back,
          )
        : null,
    ),
    el(
      'p',
      { class: 'muted small vv-sub' },
      a.activatedAt
        ? ['Activated ', when(a.activatedAt), ' by ', a.activatedBy || '—', ' · ', changesText(a.changes)]
        : 'Not in the list of activations',
      a.previousVersion
        ? [
            ' · compared with the version before it, ',
            el('code', { title: a.previousVersion }, shortVersion(a.previousVersion)),
          ]
        : null,
    ),
    rollbackNode(a, active),
    answerNode(key),
    view.error
      ? el('div', { class: 'last-error' }, problemNode(view.error))
      : view.diff
        ? diffNode(view.diff, a)
        : view.detail
          ? firstNode(view.detail)
          : el('p', { class: 'hint', 'aria-busy': 'true' }, 'Loading…'),
  );
  if (refocus) {
    const again = document.getElementById(refocus);
    if (again) again.focus({ preventScroll: true });
  }
}

function rollbackNode(a, activeNow) {
  if (activeNow || !a.activatedAt) return null;
  if (!credentials()) {
    return el('p', { class: 'hint' }, 'Sign in as admin to roll back to this version.');
  }
  return el(
    'div',
    { class: 'rollback' },
    el(
      'button',
      {
        type: 'button',
        class: 'btn small',
        id: 'version-rollback',
        disabled: archive.busy,
        onclick: () => rollback(a),
      },
      archive.busy ? 'Rolling back…' : 'Roll back to this version…',
    ),
    el('span', { class: 'hint' }, 'admin only; its scenarios gate it and every stored operator is reclassified'),
  );
}

async function rollback(a) {
  const ok = await confirmDialog({
    title: 'Roll back the rules?',
    text:
      `Make version ${shortVersion(a.version)} active again? Its archived scenarios gate it, every stored ` +
      'operator is reclassified with it, and the rule folder stays as it is: its next change goes live as usual.',
    confirm: 'Roll back',
    danger: true,
  });
  if (!ok) return;
  const key = keyOf(a);
  archive.busy = true;
  archive.answer = null;
  renderVersionView();
  try {
    const report = await api(`rules/versions/${encodeURIComponent(a.version)}/activate`, {
      method: 'POST',
      auth: true,
    });
    archive.answer = { key, report };
  } catch (e) {
    explainRefusal(e, 'roll back the rules', 'admin');
    archive.answer = { key, error: e };
  } finally {
    archive.busy = false;
  }
  await Promise.all([refreshAll(), refreshVersions(true)]);
  renderVersionView();
  const box = $('#version-answer');
  if (box) box.focus({ preventScroll: false });
}

function answerNode(key) {
  const ans = archive.answer;
  if (!ans || ans.key !== key) return null;
  if (ans.error) {
    return el(
      'div',
      {
        class: 'version-answer last-error',
        id: 'version-answer',
        role: 'alert',
        tabindex: -1,
        'data-outcome': 'refused',
      },
      el(
        'strong',
        {},
        ans.error.status === 422 ? 'Refused: the active rule set keeps serving.' : 'The rollback did not happen.',
      ),
      problemNode(ans.error),
    );
  }
  const r = ans.report || {};
  const changes = Array.isArray(r.changes) ? r.changes : [];
  const skipped = Array.isArray(r.skippedScenarios) ? r.skippedScenarios : [];
  return el(
    'div',
    {
      class: 'version-answer done',
      id: 'version-answer',
      role: 'status',
      tabindex: -1,
      'data-outcome': r.activated === false ? 'unchanged' : 'activated',
    },
    el(
      'strong',
      {},
      r.activated === false
        ? `Version ${shortVersion(r.version)} already is the active one; nothing changed.`
        : `Version ${shortVersion(r.version)} is active again` +
            (r.previousVersion ? ` (was ${shortVersion(r.previousVersion)})` : '') +
            ': ' +
            (changes.length
              ? `${changes.length} operator${changes.length === 1 ? '' : 's'} changed tier.`
              : 'no operator changed tier.'),
    ),
    changes.length ? movesNode(changes) : null,
    skipped.length
      ? el(
          'details',
          { class: 'small' },
          el('summary', {}, `${skipped.length} scenario${skipped.length === 1 ? '' : 's'} skipped`),
          el(
            'ul',
            {},
            skipped.map(s => el('li', {}, String(s))),
          ),
        )
      : null,
  );
}

/** Tier moves as a list: ticker (a button opening the operator), from → to. */
function movesNode(changes) {
  return el(
    'ul',
    { class: 'moves' },
    changes.map(c =>
      el(
        'li',
        { 'data-ticker': c.ticker, 'data-from': c.from, 'data-to': c.to },
        el('button', { type: 'button', class: 'link', onclick: () => openOperator(c.ticker) }, c.ticker),
        ' ',
        tierPill(c.from),
        el('span', { class: 'arrow', 'aria-label': 'to' }, ' → '),
        tierPill(c.to),
      ),
    ),
  );
}

function diffNode(d, a) {
  const files = Array.isArray(d.files) ? d.files : [];
  const changes = Array.isArray(d.changes) ? d.changes : [];
  // the rule files first, open; the scenarios they carry after them, folded
  const isScenario = f => /^scenarios\//.test(f.name || '');
  const ruleFiles = files.filter(f => !isScenario(f)),
    scenarios = files.filter(isScenario);
  return el(
    'div',
    { class: 'version-diff' },
    el(
      'h4',
      {},
      'Who it moves ',
      el(
        'span',
        { class: 'hint' },
        `today's stored operators: the tier under ${shortVersion(a.previousVersion)} → ` +
          `under ${shortVersion(a.version)}`,
      ),
    ),
    changes.length
      ? movesNode(changes)
      : el(
          'p',
          { class: 'muted small', id: 'version-no-moves' },
          'The two versions put every stored operator in the same tier.',
        ),
    el(
      'h4',
      {},
      'What changed ',
      el(
        'span',
        { class: 'hint' },
        `${files.length} file${files.length === 1 ? '' : 's'}; `,
        el('span', { class: 'del-key' }, '− removed'),
        ', ',
        el('span', { class: 'add-key' }, '+ added'),
      ),
    ),
    files.length ? null : el('p', { class: 'muted small' }, 'No file differs.'),
    ruleFiles.map(fileDiffNode),
    scenarios.length
      ? el(
          'details',
          { class: 'scenario-diffs' },
          el('summary', {}, `${scenarios.length} scenario file${scenarios.length === 1 ? '' : 's'} changed`),
          scenarios.map(fileDiffNode),
        )
      : null,
  );
}

/** One file's unified diff: a line per row, with its old and new line numbers, added and removed lines marked. */
function fileDiffNode(f) {
  const lines = String(f.diff || '')
    .replace(/\n$/, '')
    .split('\n');
  let oldNo = 0,
    newNo = 0,
    added = 0,
    removed = 0;
  const rows = [];
  for (const line of lines) {
    let cls,
      o = '',
      n = '';
    if (line.startsWith('+++') || line.startsWith('---')) {
      cls = 'meta';
    } else if (line.startsWith('@@')) {
      cls = 'hunk';
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (m) {
        oldNo = Number(m[1]);
        newNo = Number(m[2]);
      }
    } else if (line.startsWith('+')) {
      cls = 'add';
      n = newNo++;
      added++;
    } else if (line.startsWith('-')) {
      cls = 'del';
      o = oldNo++;
      removed++;
    } else if (line.startsWith('\\')) {
      cls = 'meta';
    } else {
      cls = 'ctx';
      o = oldNo++;
      n = newNo++;
    }
    rows.push(
      el(
        'span',
        { class: 'dl ' + cls },
        el('span', { class: 'ln', 'aria-hidden': 'true' }, String(o)),
        el('span', { class: 'ln', 'aria-hidden': 'true' }, String(n)),
        el('span', { class: 'code' }, line === '' ? ' ' : line),
      ),
    );
  }
  const scenario = /^scenarios\//.test(f.name || '');
  return el(
    'details',
    { class: 'file-diff', open: !scenario, 'data-file': f.name },
    el(
      'summary',
      {},
      el('code', {}, f.name),
      ' ',
      el('span', { class: 'add-key' }, '+' + added),
      ' ',
      el('span', { class: 'del-key' }, '−' + removed),
    ),
    el('pre', { class: 'diff', tabindex: 0, role: 'region', 'aria-label': 'Changes to ' + f.name }, rows),
  );
}

/** The first archived version: nothing before it to compare with; its files. */
function firstNode(d) {
  const files = Array.isArray(d.files) ? d.files : [];
  return el(
    'div',
    { class: 'version-diff' },
    el('p', { class: 'muted small' }, 'The first version archived: there is nothing before it to compare with.'),
    el(
      'ul',
      { class: 'small' },
      files.map(f =>
        el(
          'li',
          {},
          el('code', {}, f.name),
          el('span', { class: 'muted' }, ` ${(f.rules || []).length} rule${(f.rules || []).length === 1 ? '' : 's'}`),
        ),
      ),
    ),
  );
}

/** Redraws what depends on who is signed in (the rollback button). */
export function renderVersionsForAccount() {
  if (archive.selected) renderVersionView();
}
