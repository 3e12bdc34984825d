// Tier board: a read-mostly view of the operator store (API.md), vanilla JS, no build, no network beyond this origin.
'use strict';

(() => {
  const TIERS = [
    { key: 'TIER_1', label: 'Tier 1', hint: 'Massive binding backlog with an established customer' },
    { key: 'TIER_2', label: 'Tier 2', hint: 'Binding deals, but only with newer clouds or chipmakers' },
    { key: 'TIER_3', label: 'Tier 3', hint: 'No binding deal yet; North-American AI power or a GPU cloud' },
    { key: 'UNTIERED', label: 'Untiered', hint: 'None of the above' },
  ];
  const STAGES = [['COLOCATION', 'Colocation'], ['BARE_METAL', 'Bare metal'], ['NEOCLOUD', 'Neocloud']];
  const RISKS = {
    COUNTERPARTY_CONCENTRATION: ['Concentration', 'Counterparty concentration: one counterparty holds much of the binding backlog'],
    GRID_INTERCONNECTION: ['Grid', 'Grid interconnection: an AI-dedicated site awaits interconnection'],
    HARDWARE_OBSOLESCENCE: ['Hardware', 'Hardware obsolescence: GPUs the operator owns'],
    CRYPTO_EXPOSURE: ['Crypto', 'Crypto exposure: much of the revenue still comes from mining'],
  };
  const TYPES = { HYPERSCALER: 'Hyperscaler', AI_LAB: 'AI lab', ENTERPRISE: 'Enterprise', NEOCLOUD: 'Neocloud', CHIPMAKER: 'Chipmaker', OTHER: 'Other' };
  const SERVICES = { COLOCATION: 'Colocation', BARE_METAL: 'Bare metal', MANAGED_CLOUD: 'Managed cloud' };
  // The research note: colocation ≈ USD 1.78 M/MW/yr; bare metal and cloud USD 9.7–11.0 M/MW/yr.
  const BANDS = [
    { from: 1.68e6, to: 1.88e6, mark: 1.78e6, label: 'Colocation ≈ 1.78 M', cls: 'band-colo' },
    { from: 9.7e6, to: 11.0e6, label: 'Bare metal & cloud 9.7–11.0 M', cls: 'band-metal' },
  ];
  const POLL_MS = 4000;      // cheap check: GET /rules, GET /operators and GET /screen
  const FULL_MS = 30000;     // with a bare list (no figures in it), reload the details now and then anyway
  const AUTH_KEY = 'tierboard.auth';
  const reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  const state = {
    ops: new Map(),          // ticker -> {ticker, name, classification, profile}
    screen: null,
    rules: null,
    rulesSig: null,
    listSig: null,
    lastFull: 0,
    lastOk: 0,
    open: null,              // ticker whose detail is open
    detail: null,            // {profile, classification, history, timeline}
    result: null,            // last add-deal answer, for the open ticker
    auth: null,              // {user, token}
  };

  // ---------------------------------------------------------------- helpers

  const $ = (sel, root = document) => root.querySelector(sel);

  /** Builds an element; attributes starting with "on" are listeners; children may be strings, nodes, arrays or null. */
  function el(tag, attrs, ...children) {
    const svg = ['svg', 'g', 'rect', 'line', 'text', 'title', 'path', 'circle'].includes(tag);
    const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (k === 'class') node.setAttribute('class', v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    append(node, children);
    return node;
  }
  /** Replaces a node's children, skipping null/false (DOM replaceChildren would print them as text). */
  function fill(node, ...children) { node.replaceChildren(); append(node, children); return node; }
  function append(node, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) append(node, c);
      else node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }

  function trim0(s) { return s.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1'); }
  function usd(v) {
    if (v === null || v === undefined || Number.isNaN(Number(v))) return '—';
    const n = Number(v), a = Math.abs(n);
    if (a >= 1e9) return 'USD ' + trim0((n / 1e9).toFixed(a >= 1e11 ? 0 : 1)) + ' B';
    if (a >= 1e6) return 'USD ' + trim0((n / 1e6).toFixed(a >= 1e8 ? 0 : 1)) + ' M';
    if (a >= 1e3) return 'USD ' + trim0((n / 1e3).toFixed(0)) + ' K';
    return 'USD ' + n.toLocaleString('en-US');
  }
  function millions(v) {
    if (v === null || v === undefined) return '—';
    return trim0((Number(v) / 1e6).toFixed(Number(v) >= 1e8 ? 0 : 2)) + ' M';
  }
  function pct(v) { return v === null || v === undefined ? '—' : Math.round(Number(v) * 100) + '%'; }
  function num(v) { return v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 }); }
  function tierLabel(t) { const x = TIERS.find(x => x.key === t); return x ? x.label : (t || 'Untiered'); }
  function tierKey(t) { return TIERS.some(x => x.key === t) ? t : 'UNTIERED'; }
  function stageLabel(s) { const x = STAGES.find(x => x[0] === s); return x ? x[1] : (s ? titleCase(s) : 'none'); }
  function titleCase(s) { return String(s).toLowerCase().replace(/_/g, ' ').replace(/^./, c => c.toUpperCase()); }
  function pad(n) { return String(n).padStart(2, '0'); }
  function when(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  function ago(iso) {
    const t = new Date(iso).getTime();
    if (Number.isNaN(t)) return '';
    const s = Math.max(0, Math.round((Date.now() - t) / 1000));
    if (s < 60) return 'just now';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 86400) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' d ago';
  }
  function shortVersion(v) { return v ? String(v).slice(0, 12) : '—'; }
  function dealDensity(d) {
    return d && d.mw > 0 && d.termYears > 0 && d.valueUsd !== null && d.valueUsd !== undefined ? d.valueUsd / (d.mw * d.termYears) : null;
  }
  function tierPill(t) { return el('span', { class: 'tier-pill t-' + tierKey(t) }, tierLabel(t)); }

  // ---------------------------------------------------------------- HTTP

  class ApiError extends Error {
    constructor(status, title, detail, errors, where) {
      super(title + (detail ? ': ' + detail : ''));
      Object.assign(this, { status, title, detail, errors: errors || [], where });
    }
  }

  async function api(path, { method = 'GET', body, auth = false } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && state.auth) headers.Authorization = 'Basic ' + state.auth.token;
    let res;
    try {
      // credentials 'omit': our own Authorization header still goes out, but the browser never pops its login dialog
      res = await fetch(path, {
        method, headers, cache: 'no-store', credentials: 'omit',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'No answer from the service', 'network error', [], method + ' /' + path);
    }
    const text = await res.text();
    let data = null;
    if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
    if (!res.ok) {
      const p = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
      throw new ApiError(res.status, p.title || res.statusText || 'HTTP ' + res.status,
        p.detail || '', Array.isArray(p.errors) ? p.errors : [], method + ' /' + path);
    }
    return data;
  }

  function problemNode(e) {
    const head = e.status ? `${e.status} ${e.title}` : e.title;
    return el('div', { class: 'problem' },
      el('strong', {}, head),
      e.detail ? el('span', {}, ' — ' + e.detail) : null,
      e.where ? el('span', { class: 'where' }, ' (' + e.where + ')') : null,
      e.errors && e.errors.length
        ? el('ul', {}, e.errors.map(x => el('li', {},
          x && typeof x === 'object'
            ? [x.field || x.file ? el('code', {}, x.field || [x.file, x.line, x.column].filter(v => v !== undefined && v !== null).join(':')) : null,
              x.field || x.file ? ' ' : null, x.message || JSON.stringify(x)]
            : String(x))))
        : null);
  }

  // ---------------------------------------------------------------- loading and polling

  let busy = false, again = false;

  async function tick(force) {
    if (busy) { again = again || force; return; }
    busy = true;
    try {
      const [rulesR, listR, screenR] = await Promise.allSettled([api('rules'), api('operators'), api('screen')]);
      if (rulesR.status === 'fulfilled') {
        const sig = JSON.stringify(rulesR.value);
        if (sig !== state.rulesSig) { state.rulesSig = sig; state.rules = rulesR.value; renderRules(); }
      } else {
        renderRulesError(rulesR.reason);
      }
      if (listR.status === 'rejected') throw listR.reason;
      const list = Array.isArray(listR.value) ? listR.value : [];
      const screen = screenR.status === 'fulfilled' ? screenR.value : null;
      const sig = (state.rules && state.rules.version) + '|' + JSON.stringify(list) + '|' + JSON.stringify(screen);
      const bare = list.some(x => !summaryOf(x));
      if (force || sig !== state.listSig || (bare && Date.now() - state.lastFull > FULL_MS)) {
        await loadAll(list, screen);
        state.listSig = sig;
        state.lastFull = Date.now();
      }
      state.lastOk = Date.now();
      setStatus(null);
      banner(null);
    } catch (e) {
      setStatus(e);
      banner(e.status === 404 && /operators/.test(e.where || '')
        ? new ApiError(404, 'The operator store is not available', e.detail, [], e.where) : e);
    } finally {
      busy = false;
      if (again) { again = false; tick(true); }
    }
  }

  /**
   * What a card needs, from a line of GET /operators when the line carries it: a whole classification, or the
   * summary fields (stages, fullStack, bindingBacklogUsd, densityUsdPerMwYear, risk codes). Null for a bare line.
   */
  function summaryOf(item) {
    if (item.classification && typeof item.classification === 'object') return item.classification;
    if (item.metrics && Array.isArray(item.stages)) return item;
    if (Array.isArray(item.stages) && 'bindingBacklogUsd' in item) {
      return {
        ticker: item.ticker, tier: item.tier, stage: item.stage, stages: item.stages, fullStack: !!item.fullStack,
        metrics: {
          bindingBacklogUsd: item.bindingBacklogUsd, densityUsdPerMwYear: item.densityUsdPerMwYear,
          northAmericaAiMw: item.northAmericaAiMw, largestCounterpartyShare: item.largestCounterpartyShare,
        },
        risks: (Array.isArray(item.risks) ? item.risks : []).map(r => (typeof r === 'string' ? { code: r } : r)),
      };
    }
    return null;
  }

  async function loadAll(list, screen) {
    const rows = await Promise.all(list.filter(x => x && x.ticker).map(async item => {
      // a list that carries the card's figures saves one request per operator
      const inline = summaryOf(item);
      if (inline) return { ticker: item.ticker, name: item.name, classification: inline, profile: item.profile || null };
      try {
        const d = await api('operators/' + encodeURIComponent(item.ticker));
        return { ticker: item.ticker, name: item.name || (d.profile && d.profile.name), classification: d.classification || {}, profile: d.profile || null };
      } catch (e) {
        if (e.status === 404) return null; // deleted in between
        return { ticker: item.ticker, name: item.name, classification: { tier: item.tier, stage: item.stage, stages: item.stage ? [item.stage] : [], risks: [], metrics: {} }, error: e };
      }
    }));
    const moved = [];
    const next = new Map();
    for (const r of rows) {
      if (!r) continue;
      const prev = state.ops.get(r.ticker);
      if (prev && prev.classification && prev.classification.tier !== r.classification.tier) moved.push(r.ticker);
      next.set(r.ticker, r);
    }
    state.ops = next;
    state.screen = screen;
    state.loaded = true;
    renderBoard(moved);
    renderPicks();
    renderChart();
    if (state.open) {
      if (!state.ops.has(state.open)) { closeDetail(); return; }
      refreshDetail(false);
    }
  }

  function setStatus(err) {
    const s = $('#status');
    s.classList.toggle('bad', !!err);
    const v = state.rules && state.rules.version ? shortVersion(state.rules.version) : null;
    fill($('.text', s), err
      ? (err.status ? `Error ${err.status} — retrying` : 'Offline — retrying')
      : [`Live · ${state.ops.size} operator${state.ops.size === 1 ? '' : 's'}`,
        v ? el('span', { class: 'opt' }, ' · rules ', el('span', { class: 'ver' }, v)) : null,
        el('span', { class: 'opt' }, ' · ' + when(new Date().toISOString()).slice(11))]);
    s.title = err ? err.message : 'The board checks for changes every few seconds';
  }

  function banner(err) {
    const b = $('#banner');
    if (!err) { b.hidden = true; b.replaceChildren(); return; }
    fill(b, problemNode(err));
    b.hidden = false;
  }

  // ---------------------------------------------------------------- board

  function picksFor(ticker) {
    const s = state.screen || {};
    const out = [];
    if (s.fullStackLeader === ticker) out.push({ cls: 'p1', label: '★ Full-stack leader', title: 'Dragon #1: among full-stack operators, the largest binding backlog' });
    if (s.contractQualityLeader === ticker) out.push({ cls: 'p2', label: '★ Contract-quality leader', title: 'Dragon #2: the largest binding take-or-pay, triple-net book' });
    const i = Array.isArray(s.highPotential) ? s.highPotential.indexOf(ticker) : -1;
    if (i >= 0) out.push({ cls: 'hp', label: '◆ High potential' + (s.highPotential.length > 1 ? ' #' + (i + 1) : ''), title: 'Not Tier 1, in-house GPU cloud, North-American AI power' });
    return out;
  }

  function sortOps(a, b) {
    const ma = (a.classification || {}).metrics || {}, mb = (b.classification || {}).metrics || {};
    return (mb.bindingBacklogUsd || 0) - (ma.bindingBacklogUsd || 0)
      || (mb.northAmericaAiMw || 0) - (ma.northAmericaAiMw || 0)
      || a.ticker.localeCompare(b.ticker);
  }

  function ladder(c) {
    const reached = new Set(c.stages || (c.stage ? [c.stage] : []));
    return el('ol', { class: 'ladder', 'aria-label': 'Stages reached: ' + (reached.size ? [...reached].map(stageLabel).join(', ') : 'none') },
      STAGES.map(([key, label]) => el('li', {
        class: (reached.has(key) ? 'on' : '') + (c.stage === key ? ' current' : ''),
        'data-stage': key,
        title: label + (reached.has(key) ? ' — reached' : ' — not reached'),
      }, el('span', { class: 'step' }), el('span', { class: 'step-label' }, label))));
  }

  function riskLabel(r, m) {
    const base = RISKS[r.code] ? RISKS[r.code][0] : titleCase(r.code || 'risk');
    if (r.code === 'COUNTERPARTY_CONCENTRATION' && m && m.largestCounterpartyShare) return base + ' ' + pct(m.largestCounterpartyShare);
    return base;
  }

  function card(op) {
    const c = op.classification || {};
    const m = c.metrics || {};
    const picks = picksFor(op.ticker);
    const risks = Array.isArray(c.risks) ? c.risks : [];
    return el('article', {
      class: 'card' + (picks.length ? ' picked' : '') + (op.error ? ' stale' : ''),
      'data-ticker': op.ticker, 'data-tier': tierKey(c.tier), tabindex: 0, role: 'button',
      'aria-label': `${op.ticker}, ${op.name || ''}, ${tierLabel(c.tier)}; open detail`,
      onclick: () => openDetail(op.ticker),
      onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openDetail(op.ticker); } },
    },
    el('div', { class: 'card-top' },
      el('span', { class: 'ticker' }, op.ticker),
      c.fullStack ? el('span', { class: 'badge fullstack', title: 'Full stack: AI-dedicated power → bare metal → neocloud' }, 'Full stack') : null,
      el('span', { class: 'backlog' + (m.bindingBacklogUsd ? '' : ' zero'), title: 'Binding backlog' },
        el('span', { class: 'backlog-value' }, usd(m.bindingBacklogUsd || 0)),
        el('span', { class: 'backlog-label' }, 'binding backlog'))),
    el('div', { class: 'name', title: op.name || '' }, op.name || ' '),
    ladder(c),
    picks.length ? el('div', { class: 'picks' }, picks.map(p => el('span', { class: 'pick ' + p.cls, title: p.title }, p.label))) : null,
    risks.length ? el('div', { class: 'chips', 'aria-label': 'Risks' },
      risks.map(r => el('span', { class: 'chip risk-' + (r.code || '').toLowerCase(), 'data-risk': r.code, title: r.message || (RISKS[r.code] || [])[1] || r.code }, riskLabel(r, m)))) : null);
  }

  function renderBoard(moved) {
    const board = $('#board');
    const before = new Map();
    board.querySelectorAll('.card[data-ticker]').forEach(c => before.set(c.dataset.ticker, c.getBoundingClientRect()));
    if (!board.children.length) {
      for (const t of TIERS) {
        board.append(el('section', { class: 'col t-' + t.key, 'data-column': t.key, 'aria-label': t.label },
          el('header', { class: 'col-head' },
            el('h2', {}, t.label, el('span', { class: 'count' }, '0')),
            el('p', { class: 'hint' }, t.hint)),
          el('div', { class: 'cards' })));
      }
    }
    const ops = [...state.ops.values()].sort(sortOps);
    for (const t of TIERS) {
      const col = board.querySelector(`[data-column="${t.key}"]`);
      const mine = ops.filter(o => tierKey((o.classification || {}).tier) === t.key);
      $('.count', col).textContent = String(mine.length);
      fill($('.cards', col), ...(mine.length ? mine.map(card) : [el('p', { class: 'empty' }, 'No operator')]));
    }
    if (state.open) markOpen();
    // FLIP: slide each card from where it was to where it is now
    board.querySelectorAll('.card[data-ticker]').forEach(c => {
      const was = before.get(c.dataset.ticker);
      if (moved.includes(c.dataset.ticker)) c.classList.add('moved');
      if (!was || reduceMotion || !c.animate) return;
      const now = c.getBoundingClientRect();
      const dx = was.left - now.left, dy = was.top - now.top;
      if (Math.abs(dx) > 1 || Math.abs(dy) > 1) {
        c.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }],
          { duration: 550, easing: 'cubic-bezier(.2,.7,.2,1)' });
      }
    });
    if (!state.ops.size) {
      for (const t of TIERS) fill($('.cards', board.querySelector(`[data-column="${t.key}"]`)), el('p', { class: 'empty' }, '—'));
      if (state.loaded) {
        fill($('.cards', board.querySelector('[data-column="TIER_1"]')),
          el('p', { class: 'empty' }, 'No operators stored yet. Store one with PUT /operators/{ticker}.'));
      }
    }
  }

  function renderPicks() {
    const s = state.screen;
    const nav = $('#screen-picks');
    if (!s) { nav.replaceChildren(); return; }
    const why = t => (Array.isArray(s.reasons) ? s.reasons : []).filter(r => r && r.message && r.message.includes(t)).map(r => r.message).join('\n') || null;
    const pick = (label, t) => el('span', { class: 'sp', title: t ? why(t) : null }, el('span', { class: 'sp-label' }, label),
      t ? el('button', { type: 'button', class: 'link', onclick: () => openDetail(t) }, t) : el('span', { class: 'muted' }, 'none'));
    const hp = Array.isArray(s.highPotential) ? s.highPotential : [];
    fill(nav, 
      pick('Full-stack leader', s.fullStackLeader),
      pick('Contract quality', s.contractQualityLeader),
      el('span', { class: 'sp' }, el('span', { class: 'sp-label' }, 'High potential'),
        hp.length ? hp.map(t => el('button', { type: 'button', class: 'link', title: why(t), onclick: () => openDetail(t) }, t)) : el('span', { class: 'muted' }, 'none')));
  }

  // ---------------------------------------------------------------- density chart

  function niceStep(span) {
    const raw = span / 6, p = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
  }

  function renderChart() {
    const box = $('#chart');
    const ops = [...state.ops.values()];
    const withD = ops.filter(o => ((o.classification || {}).metrics || {}).densityUsdPerMwYear != null)
      .sort((a, b) => b.classification.metrics.densityUsdPerMwYear - a.classification.metrics.densityUsdPerMwYear);
    const without = ops.filter(o => !withD.includes(o)).map(o => o.ticker).sort();
    const W = Math.max(300, Math.floor(box.clientWidth || 600));
    const narrow = W < 480;
    const M = { l: 56, r: narrow ? 44 : 58, t: narrow ? 46 : 34, b: 30 };
    const rowH = 24;
    const rows = Math.max(withD.length, 1);
    const H = M.t + rows * rowH + M.b;
    const maxD = Math.max(12e6, ...withD.map(o => o.classification.metrics.densityUsdPerMwYear * 1.08));
    const step = niceStep(maxD);
    const xmax = Math.ceil(maxD / step) * step;
    const x = v => M.l + (Math.max(0, v) / xmax) * (W - M.l - M.r);
    const svg = el('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Contract density per operator, USD per MW per year' });
    // bands, labelled above the plot; a label that would run into the previous one goes up a line
    let lastEnd = -Infinity, line = 0;
    for (const b of BANDS) {
      const x0 = x(b.from), x1 = x(Math.min(b.to, xmax));
      svg.append(el('rect', { class: 'band ' + b.cls, x: x0, y: M.t - 6, width: Math.max(2, x1 - x0), height: rows * rowH + 6 },
        el('title', {}, b.label + ' USD/MW/yr (research note)')));
      if (b.mark) svg.append(el('line', { class: 'band-mark ' + b.cls, x1: x(b.mark), x2: x(b.mark), y1: M.t - 6, y2: M.t + rows * rowH }));
      const lbl = narrow ? b.label.replace('Bare metal & cloud', 'Metal & cloud') : b.label;
      const tw = lbl.length * 6.3;
      let start = Math.min(Math.max(M.l - 40, (x0 + x1) / 2 - tw / 2), W - tw - 2);
      line = start < lastEnd + 10 ? line + 1 : 0;
      lastEnd = start + tw;
      svg.append(el('text', { class: 'band-label ' + b.cls, x: start, y: M.t - 12 - line * 13 }, lbl));
    }
    // axis
    const axisY = M.t + rows * rowH + 4;
    svg.append(el('line', { class: 'axis', x1: M.l, x2: W - M.r, y1: axisY, y2: axisY }));
    for (let v = 0; v <= xmax + 1; v += step) {
      svg.append(el('line', { class: 'grid', x1: x(v), x2: x(v), y1: M.t - 6, y2: axisY }));
      svg.append(el('text', { class: 'tick', x: x(v), y: axisY + 15, 'text-anchor': 'middle' }, trim0((v / 1e6).toFixed(1)) + (v === 0 ? '' : ' M')));
    }
    // bars
    withD.forEach((o, i) => {
      const d = o.classification.metrics.densityUsdPerMwYear;
      const y = M.t + i * rowH + 4;
      const t = tierKey(o.classification.tier);
      const label = millions(d);
      const xEnd = x(d);
      const inside = xEnd + 52 > W;
      svg.append(el('g', {
        class: 'bar t-' + t + (state.open === o.ticker ? ' open' : ''), 'data-ticker': o.ticker, tabindex: 0, role: 'button',
        onclick: () => openDetail(o.ticker),
        onkeydown: e => { if (e.key === 'Enter') openDetail(o.ticker); },
      },
      el('title', {}, `${o.ticker}: USD ${label} per MW per year (${tierLabel(t)})`),
      el('text', { class: 'bar-label', x: M.l - 8, y: y + 12, 'text-anchor': 'end' }, o.ticker),
      el('rect', { class: 'bar-rect', x: M.l, y, width: Math.max(2, xEnd - M.l), height: rowH - 8, rx: 3 }),
      el('text', { class: 'bar-value' + (inside ? ' inside' : ''), x: inside ? xEnd - 6 : xEnd + 6, y: y + 12, 'text-anchor': inside ? 'end' : 'start' }, label)));
    });
    if (!withD.length) {
      svg.append(el('text', { class: 'tick', x: (M.l + W - M.r) / 2, y: M.t + 16, 'text-anchor': 'middle' },
        ops.length ? 'No operator has a binding deal with MW and term yet' : state.loaded ? 'No operators stored' : 'Loading…'));
    }
    fill(box, svg);
    fill($('#chart-foot'), 
      el('span', { class: 'legend' }, TIERS.map(t => el('span', { class: 'lg t-' + t.key }, el('i'), t.label))),
      without.length ? el('span', { class: 'not-charted' }, 'Not charted (no binding deal with MW and term): ' + without.join(', ') + '.') : null);
  }

  // ---------------------------------------------------------------- rule set

  function renderRules() {
    const r = state.rules || {};
    const files = Array.isArray(r.files) ? r.files : [];
    const total = files.reduce((n, f) => n + (Array.isArray(f.rules) ? f.rules.length : 0), 0);
    const body = $('#rules-body');
    fill(body, 
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

  function renderRulesError(e) {
    if (state.rules) return; // keep showing the last good answer
    fill($('#rules-body'), el('div', { class: 'last-error' }, problemNode(e)));
  }

  // ---------------------------------------------------------------- detail panel

  function markOpen() {
    document.querySelectorAll('.card.open').forEach(c => c.classList.remove('open'));
    if (state.open) {
      const c = document.querySelector(`.card[data-ticker="${CSS.escape(state.open)}"]`);
      if (c) c.classList.add('open');
    }
  }

  let opener = null; // where focus goes back to when the drawer closes

  function openDetail(ticker) {
    const d = $('#detail');
    if (d.hidden) opener = document.activeElement;
    if (state.open !== ticker) { state.result = null; state.detail = null; }
    state.open = ticker;
    d.hidden = false;
    $('#scrim').hidden = false;
    document.body.classList.add('detail-open');
    if (location.hash !== '#' + ticker) history.replaceState(null, '', '#' + encodeURIComponent(ticker));
    markOpen();
    renderDetail();
    mountForm(true);
    d.focus({ preventScroll: true });
    $('.detail-body', d).scrollTop = 0;
    refreshDetail(true);
  }

  function closeDetail() {
    state.open = null; state.detail = null; state.result = null;
    $('#detail').hidden = true;
    $('#scrim').hidden = true;
    document.body.classList.remove('detail-open');
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    markOpen();
    const back = opener && opener.isConnected ? opener
      : opener && opener.dataset && opener.dataset.ticker ? document.querySelector(`.card[data-ticker="${CSS.escape(opener.dataset.ticker)}"]`) : null;
    if (back && back.focus) back.focus({ preventScroll: true });
    opener = null;
  }

  let detailSeq = 0;
  async function refreshDetail(showErrors) {
    const t = state.open;
    if (!t) return;
    const seq = ++detailSeq;
    const enc = encodeURIComponent(t);
    const [d, h, tl] = await Promise.allSettled([api('operators/' + enc), api('operators/' + enc + '/history'), api('operators/' + enc + '/timeline')]);
    if (seq !== detailSeq || state.open !== t) return;
    const errs = [d, h, tl].filter(x => x.status === 'rejected').map(x => x.reason);
    if (d.status === 'rejected' && d.reason.status === 404) { closeDetail(); return; }
    state.detail = {
      profile: d.status === 'fulfilled' ? d.value.profile : (state.detail && state.detail.profile),
      classification: d.status === 'fulfilled' ? d.value.classification : null,
      history: h.status === 'fulfilled' ? h.value : (h.reason),
      timeline: tl.status === 'fulfilled' ? tl.value : (tl.reason),
    };
    const box = $('#d-error');
    if (errs.length && (showErrors || d.status === 'rejected')) { fill(box, ...errs.map(problemNode)); box.hidden = false; }
    else { box.hidden = true; box.replaceChildren(); }
    renderDetail();
  }

  function currentOp() {
    const op = state.ops.get(state.open) || { ticker: state.open };
    const det = state.detail || {};
    return {
      ticker: state.open,
      name: (det.profile && det.profile.name) || op.name || '',
      profile: det.profile || op.profile || null,
      classification: det.classification || op.classification || {},
    };
  }

  function renderDetail() {
    if (!state.open) return;
    const op = currentOp();
    const c = op.classification;
    const m = c.metrics || {};
    const picks = picksFor(op.ticker);
    fill($('#d-head'), 
      el('div', { class: 'd-title-row' },
        el('h2', { id: 'd-title' }, op.ticker), tierPill(c.tier),
        c.fullStack ? el('span', { class: 'badge fullstack' }, 'Full stack') : null),
      el('div', { class: 'd-name' }, op.name),
      el('div', { class: 'd-sub' }, ladder(c),
        picks.length ? el('div', { class: 'picks' }, picks.map(p => el('span', { class: 'pick ' + p.cls, title: p.title }, p.label))) : null));

    fill($('#d-metrics'), 
      metric('Binding backlog', usd(m.bindingBacklogUsd)),
      metric('Contract density', m.densityUsdPerMwYear != null ? millions(m.densityUsdPerMwYear) : '—', 'USD per MW per year'),
      metric('N.-American AI power', m.northAmericaAiMw != null ? num(m.northAmericaAiMw) + ' MW' : '—'),
      metric('Largest counterparty', m.largestCounterparty ? m.largestCounterparty : '—', m.largestCounterparty ? pct(m.largestCounterpartyShare) + ' of backlog' : ''));
    $('#d-ruleset').textContent = c.ruleSet ? `rule set ${shortVersion(c.ruleSet.version)}, loaded ${when(c.ruleSet.loadedAt)}` : '';
    $('#detail').dataset.tier = tierKey(c.tier);

    const risks = Array.isArray(c.risks) ? c.risks : [];
    fill($('#d-risks'), ...(risks.length
      ? risks.map(r => el('li', {}, el('span', { class: 'chip risk-' + (r.code || '').toLowerCase() }, riskLabel(r, m)), ' ', r.message || ''))
      : [el('li', { class: 'muted' }, 'No risk flagged')]));

    renderDeals(op.profile);
    renderResult();

    const reasons = Array.isArray(c.reasons) ? c.reasons : [];
    fill($('#d-reasons'), ...(reasons.length
      ? reasons.map(r => el('li', { class: 'reason' },
        el('div', { class: 'reason-head' }, el('span', { class: 'rule' }, r.rule || ''), el('code', { class: 'file' }, r.file || '')),
        el('div', { class: 'reason-msg' }, r.message || '')))
      : [el('li', { class: 'muted' }, 'No rule fired')]));

    const det = state.detail || {};
    fill($('#d-timeline'), renderTimeline(det.timeline));
    fill($('#d-history'), renderHistory(det.history));
    fill($('#d-sites'), renderSites(op.profile));
    // keep the chart's open marker in step
    document.querySelectorAll('#chart .bar').forEach(b => b.classList.toggle('open', b.dataset.ticker === state.open));
  }

  function metric(label, value, sub) {
    return el('div', { class: 'metric' }, el('div', { class: 'm-label' }, label), el('div', { class: 'm-value' }, value), sub ? el('div', { class: 'm-sub' }, sub) : null);
  }

  function renderDeals(profile) {
    const box = $('#d-deals');
    if (!profile) { fill(box, el('p', { class: 'muted' }, 'Loading…')); return; }
    const deals = Array.isArray(profile.deals) ? profile.deals : [];
    if (!deals.length) { fill(box, el('p', { class: 'muted' }, 'No deals')); return; }
    const today = new Date().toISOString().slice(0, 10);
    fill(box, el('table', { class: 'deals' },
      el('thead', {}, el('tr', {}, ['Deal', 'Service', 'Status', 'Value', 'Term', 'MW', 'USD/MW/yr', 'Signed'].map(h => el('th', {}, h)))),
      el('tbody', {}, deals.map(d => {
        const ended = d.ended && d.ended <= today;
        const dens = dealDensity(d);
        const terms = [d.takeOrPay ? 'take-or-pay' : null, d.tripleNet ? 'triple-net' : null,
          d.prepaymentUsd ? usd(d.prepaymentUsd) + ' prepaid' : null,
          d.guarantor ? 'guaranteed by ' + d.guarantor + (d.guarantorType ? ' (' + (TYPES[d.guarantorType] || d.guarantorType) + ')' : '') : null].filter(Boolean);
        return el('tr', { class: ended ? 'ended' : '', 'data-deal': d.id },
          el('td', {}, el('div', { class: 'cp' }, d.counterparty || '—'),
            el('div', { class: 'muted small' }, (TYPES[d.counterpartyType] || d.counterpartyType || '') + ' · ', el('code', { class: 'deal-id' }, d.id)),
            terms.length ? el('div', { class: 'terms small' }, terms.join(' · ')) : null),
          el('td', {}, d.service ? SERVICES[d.service] || d.service : el('span', { class: 'muted', title: 'Inferred from density' }, 'inferred')),
          el('td', {}, el('span', { class: 'status-pill ' + (d.status === 'BINDING' ? 'binding' : 'nonbinding') }, d.status === 'BINDING' ? 'Binding' : 'Non-binding')),
          el('td', { class: 'num' }, usd(d.valueUsd)),
          el('td', { class: 'num' }, d.termYears ? d.termYears + ' y' : '—'),
          el('td', { class: 'num' }, d.mw ? num(d.mw) : '—'),
          el('td', { class: 'num' }, dens != null ? millions(dens) : '—'),
          el('td', { class: 'nowrap' }, d.signed || '—', d.ended ? el('div', { class: 'muted small' }, 'ended ' + d.ended) : null));
      }))));
  }

  function renderTimeline(tl) {
    if (tl instanceof Error) return problemNode(tl);
    if (!Array.isArray(tl)) return el('p', { class: 'muted' }, 'Loading…');
    if (!tl.length) return el('p', { class: 'muted' }, 'No dated deals');
    return el('ol', { class: 'timeline' }, tl.map((e, i) => {
      const prev = i > 0 ? tl[i - 1] : null;
      const changed = prev && prev.tier !== e.tier;
      return el('li', { class: 't-' + tierKey(e.tier) + (changed ? ' changed' : '') },
        el('span', { class: 'tl-date' }, e.date || '—'),
        tierPill(e.tier),
        el('span', { class: 'tl-stage' }, stageLabel(e.stage)),
        el('span', { class: 'tl-event' }, e.event || ''));
    }));
  }

  function renderHistory(h) {
    if (h instanceof Error) return problemNode(h);
    if (!Array.isArray(h)) return el('p', { class: 'muted' }, 'Loading…');
    if (!h.length) return el('p', { class: 'muted' }, 'No history yet');
    return el('table', { class: 'history' },
      el('thead', {}, el('tr', {}, ['When', 'Tier', 'Stage', 'Cause', 'Rules'].map(x => el('th', {}, x)))),
      el('tbody', {}, h.map(r => el('tr', {},
        el('td', { class: 'nowrap', title: r.at || '' }, when(r.at)),
        el('td', {}, tierPill(r.tier)),
        el('td', {}, stageLabel(r.stage)),
        el('td', {}, el('span', { class: 'cause' }, titleCase(r.cause || '')), r.detail ? el('div', { class: 'muted small' }, r.detail) : null),
        el('td', {}, el('code', { title: r.ruleSetVersion || '' }, shortVersion(r.ruleSetVersion)))))));
  }

  function renderSites(profile) {
    if (!profile) return el('p', { class: 'muted' }, 'Loading…');
    const sites = Array.isArray(profile.sites) ? profile.sites : [];
    const g = profile.gpuCloud;
    return el('div', {},
      sites.length ? el('table', { class: 'sites' },
        el('thead', {}, el('tr', {}, ['Site', 'Country', 'MW', 'AI', 'Status'].map(x => el('th', {}, x)))),
        el('tbody', {}, sites.map(s => el('tr', {},
          el('td', {}, s.name || '—'), el('td', {}, s.country), el('td', { class: 'num' }, num(s.mw)),
          el('td', {}, s.aiDedicated ? 'AI' : el('span', { class: 'muted' }, 'mining')),
          el('td', {}, s.status ? titleCase(s.status) : '—'))))) : el('p', { class: 'muted' }, 'No sites'),
      el('p', { class: 'muted small' },
        g && g.inHouse
          ? `In-house GPU cloud: ${num(g.gpus || 0)} GPUs; orchestration ${g.containerOrchestration ? 'yes' : 'no'}, scheduling ${g.scheduling ? 'yes' : 'no'}, enterprise support ${g.enterpriseSupport ? 'yes' : 'no'}.`
          : 'No in-house GPU cloud.',
        profile.miningRevenueShare != null ? ` Mining share of revenue: ${pct(profile.miningRevenueShare)}.` : ''));
  }

  function renderResult() {
    const box = $('#d-result');
    const r = state.result;
    if (!r) { box.hidden = true; box.replaceChildren(); return; }
    const b = r.before || {}, a = r.after || {};
    const mb = b.metrics || {}, ma = a.metrics || {};
    box.dataset.before = b.tier || '';
    box.dataset.after = a.tier || '';
    box.dataset.tierChanged = String(!!r.tierChanged);
    box.className = 'result ' + (r.tierChanged ? 'changed' : 'same');
    fill(box, 
      el('div', { class: 'result-head' },
        el('span', {}, `Deal ${r.dealId} added:`), tierPill(b.tier), el('span', { class: 'arrow' }, '→'), tierPill(a.tier),
        el('strong', { class: 'verdict' }, r.tierChanged ? 'tier changed' : 'tier unchanged')),
      el('div', { class: 'muted small' },
        `Stage ${stageLabel(b.stage)} → ${stageLabel(a.stage)} · backlog ${usd(mb.bindingBacklogUsd)} → ${usd(ma.bindingBacklogUsd)}`));
    box.hidden = false;
  }

  // ---------------------------------------------------------------- add deal

  function mountForm(reset) {
    const host = $('#d-add');
    if (!state.auth) {
      fill(host, el('div', { class: 'signin-hint' },
        el('span', { class: 'muted' }, 'Sign in as analyst to add a deal.'),
        el('button', { type: 'button', class: 'btn small', onclick: openSignin }, 'Sign in')));
      return;
    }
    let form = $('form.deal-form', host);
    if (!form) {
      form = $('#deal-form').content.firstElementChild.cloneNode(true);
      form.addEventListener('submit', submitDeal);
      form.addEventListener('reset', () => setTimeout(() => { clearFormErrors(form); defaults(form); }, 0));
      fill(host, el('details', { class: 'add-deal', open: true }, el('summary', {}, 'Add a deal'), form));
      reset = true;
    }
    if (reset) { form.reset(); clearFormErrors(form); defaults(form); }
  }

  function defaults(form) {
    if (!form.elements.signed.value) form.elements.signed.value = new Date().toISOString().slice(0, 10);
  }

  function clearFormErrors(form) {
    form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach(x => x.remove());
    const box = $('.form-error', form);
    box.hidden = true; box.replaceChildren();
  }

  function slug(s) { return String(s || 'deal').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'deal'; }

  function readDeal(form) {
    const f = form.elements;
    const n = name => (f[name].value.trim() === '' ? undefined : Number(f[name].value));
    const unit = Number(f.unit.value);
    const deal = {
      id: f.id.value.trim() || `${slug(f.counterparty.value)}-${(f.signed.value || new Date().toISOString().slice(0, 10)).replace(/-/g, '')}-${Date.now().toString(36).slice(-4)}`,
      counterparty: f.counterparty.value.trim(),
      counterpartyType: f.counterpartyType.value,
      status: f.status.value,
      valueUsd: n('value') === undefined ? undefined : Math.round(n('value') * unit),
    };
    if (f.service.value) deal.service = f.service.value;
    if (n('termYears') !== undefined) deal.termYears = n('termYears');
    if (n('mw') !== undefined) deal.mw = n('mw');
    if (n('prepayment') !== undefined) deal.prepaymentUsd = Math.round(n('prepayment') * unit);
    if (f.takeOrPay.checked) deal.takeOrPay = true;
    if (f.tripleNet.checked) deal.tripleNet = true;
    if (f.signed.value) deal.signed = f.signed.value;
    if (f.guarantor.value.trim()) deal.guarantor = f.guarantor.value.trim();
    if (f.guarantorType.value) deal.guarantorType = f.guarantorType.value;
    return deal;
  }

  const FIELD_TO_INPUT = { valueUsd: 'value', prepaymentUsd: 'prepayment' };

  function showFormErrors(form, e) {
    clearFormErrors(form);
    for (const x of e.errors || []) {
      if (!x || !x.field) continue;
      const last = String(x.field).split(/[.\]]/).filter(Boolean).pop().replace(/^\[|\$/g, '');
      const input = form.elements[FIELD_TO_INPUT[last] || last];
      if (input && input.setAttribute) {
        input.setAttribute('aria-invalid', 'true');
        const label = input.closest('label');
        if (label) label.append(el('span', { class: 'field-error' }, x.message || 'invalid'));
      }
    }
    const box = $('.form-error', form);
    fill(box, problemNode(e));
    box.hidden = false;
  }

  async function submitDeal(ev) {
    ev.preventDefault();
    const form = ev.currentTarget;
    const ticker = state.open;
    clearFormErrors(form);
    const deal = readDeal(form);
    const local = [];
    if (!deal.counterparty) local.push({ field: 'counterparty', message: 'required' });
    if (deal.valueUsd === undefined || Number.isNaN(deal.valueUsd)) local.push({ field: 'valueUsd', message: 'required' });
    if (local.length) { showFormErrors(form, new ApiError(0, 'Check the form', '', local)); return; }
    const btn = $('button[type=submit]', form);
    btn.disabled = true; btn.textContent = 'Adding…';
    try {
      const r = await api('operators/' + encodeURIComponent(ticker) + '/deals', { method: 'POST', body: deal, auth: true });
      if (state.open === ticker) {
        state.result = Object.assign({ dealId: deal.id }, r || {});
        form.reset();
      }
      await Promise.all([tick(true), refreshDetail(false)]);
      renderResult();
      const res = $('#d-result');
      if (!res.hidden && res.scrollIntoView) res.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
    } catch (e) {
      if (e.status === 401) {
        signOut();
        e.detail = 'Wrong username or password; sign in again.';
      } else if (e.status === 403) {
        e.detail = `User ${state.auth ? state.auth.user : ''} may not change operators (analyst role needed).`;
      }
      const f = $('form.deal-form', $('#d-add')) || form;
      if (f.isConnected) showFormErrors(f, e); else toastError(e);
    } finally {
      btn.disabled = false; btn.textContent = 'Add deal';
    }
  }

  function toastError(e) {
    const host = $('#d-add');
    host.prepend(el('div', { class: 'form-error' }, problemNode(e)));
  }

  // ---------------------------------------------------------------- sign-in

  function encodeBasic(user, pass) {
    const bytes = new TextEncoder().encode(user + ':' + pass);
    let s = '';
    bytes.forEach(b => { s += String.fromCharCode(b); });
    return btoa(s);
  }

  function loadAuth() {
    try {
      const raw = sessionStorage.getItem(AUTH_KEY);
      state.auth = raw ? JSON.parse(raw) : null;
    } catch (e) { state.auth = null; }
  }

  function renderAccount() {
    const a = $('#account');
    if (state.auth) {
      fill(a, el('span', { class: 'who', title: 'Changes are sent with these credentials' }, '● ', state.auth.user),
        el('button', { type: 'button', class: 'btn ghost small', id: 'signout', onclick: signOut }, 'Sign out'));
    } else {
      fill(a, el('button', { type: 'button', class: 'btn small', id: 'signin-open', onclick: openSignin }, 'Sign in'));
    }
    if (state.open) mountForm(false);
  }

  function openSignin() {
    const f = $('#signin');
    f.hidden = false;
    (f.elements.username.value ? f.elements.password : f.elements.username).focus();
  }

  function signOut() {
    state.auth = null;
    try { sessionStorage.removeItem(AUTH_KEY); } catch (e) { /* private mode */ }
    renderAccount();
  }

  function setupSignin() {
    const f = $('#signin');
    f.addEventListener('submit', e => {
      e.preventDefault();
      const user = f.elements.username.value.trim(), pass = f.elements.password.value;
      if (!user || !pass) return;
      state.auth = { user, token: encodeBasic(user, pass) };
      try { sessionStorage.setItem(AUTH_KEY, JSON.stringify(state.auth)); } catch (err) { /* memory only */ }
      f.elements.password.value = '';
      f.hidden = true;
      renderAccount();
    });
    $('#signin-cancel').addEventListener('click', () => { f.hidden = true; });
  }

  // ---------------------------------------------------------------- start

  function start() {
    loadAuth();
    setupSignin();
    renderAccount();
    renderBoard([]);
    $('#d-close').addEventListener('click', closeDetail);
    $('#scrim').addEventListener('click', closeDetail);
    document.addEventListener('keydown', e => {
      if (e.key !== 'Escape') return;
      if (!$('#signin').hidden) $('#signin').hidden = true;
      else if (state.open) closeDetail();
    });
    let raf = 0;
    const onResize = () => { cancelAnimationFrame(raf); raf = requestAnimationFrame(renderChart); };
    if (window.ResizeObserver) new ResizeObserver(onResize).observe($('#chart'));
    else window.addEventListener('resize', onResize);
    const fromHash = decodeURIComponent(location.hash.slice(1));
    tick(true).then(() => { if (fromHash && state.ops.has(fromHash)) openDetail(fromHash); });
    setInterval(() => {
      if (document.visibilityState === 'hidden') return;
      tick(false);
      document.querySelectorAll('[data-ago]').forEach(x => { if (x.dataset.ago) x.textContent = ' · ' + ago(x.dataset.ago); });
    }, POLL_MS);
    window.tierBoard = { refresh: () => tick(true) }; // for tests and the console
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
