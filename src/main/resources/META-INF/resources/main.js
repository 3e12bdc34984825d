// Tier board, the entry module: polls the service (API.md) and hands what changed to the views.
// Native ES modules, no build step; no network beyond this origin.
import { $, el, fill } from './dom.js';
import { when, ago, shortVersion } from './format.js';
import { ApiError, api, problemNode } from './api.js';
import { state } from './state.js';
import * as words from './words.js';
import { renderBoard, renderPicks, onOpen as onBoardOpen } from './board.js';
import { renderChart, onOpen as onChartOpen } from './chart.js';
import { renderRules, renderRulesError, refreshVersions, openVersion, onRulesAction, renderVersionsForAccount } from './rules.js';
import { openDetail, closeDetail, refreshDetail, renderDetail, mountForm, onStored, onOpenVersion } from './detail.js';
import { renderAnswer as renderWhatIf } from './whatif.js';
import { initSheets, onSheets, downloadCsv, renderImportAccount } from './sheets.js';
import { initSignin, closeSignin } from './signin.js';

const POLL_MS = 4000;      // cheap check: GET /rules, GET /operators and GET /screen
const FULL_MS = 30000;     // with a bare list (no figures in it), reload the details now and then anyway

let busy = false, again = false;

async function tick(force) {
  if (busy) { again = again || force; return; }
  busy = true;
  try {
    const [rulesR, listR, screenR] = await Promise.allSettled([api('rules'), api('operators'), api('screen')]);
    if (rulesR.status === 'fulfilled') {
      const sig = JSON.stringify(rulesR.value);
      if (sig !== state.rulesSig) {
        state.rulesSig = sig; state.rules = rulesR.value;
        renderRules();
        words.update(state.rules); // redraws what shows the rules' words (words.onChange below)
      }
    } else {
      renderRulesError(rulesR.reason);
    }
    refreshVersions(false); // the archive, when the active version changed or an activation is still reclassifying
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
 * summary fields (stages, fullStack, bindingBacklogUsd, densityUsdPerMwYear, conversionUpsideUsdPerYear, risk codes,
 * gaps). Null for a bare line.
 */
function summaryOf(item) {
  if (item.classification && typeof item.classification === 'object') return item.classification;
  if (item.metrics && Array.isArray(item.stages)) return item;
  if (Array.isArray(item.stages) && 'bindingBacklogUsd' in item) {
    return {
      ticker: item.ticker, tier: item.tier, stage: item.stage, stages: item.stages, fullStack: !!item.fullStack,
      metrics: {
        bindingBacklogUsd: item.bindingBacklogUsd, establishedBacklogUsd: item.establishedBacklogUsd,
        densityUsdPerMwYear: item.densityUsdPerMwYear, northAmericaAiMw: item.northAmericaAiMw,
        largestCounterpartyShare: item.largestCounterpartyShare, conversionUpsideUsdPerYear: item.conversionUpsideUsdPerYear,
      },
      risks: (Array.isArray(item.risks) ? item.risks : []).map(r => (typeof r === 'string' ? { code: r } : r)),
      gaps: Array.isArray(item.gaps) ? item.gaps : [],
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

function start() {
  const reload = () => tick(true);
  onBoardOpen(openDetail);
  onChartOpen(openDetail);
  onStored(reload);
  onRulesAction({ stored: reload, open: openDetail });
  onSheets({ stored: reload, open: openDetail });
  // a history entry's rule set: the drawer closes and the rule-set panel shows that version, with a way back
  onOpenVersion((version, ticker) => {
    closeDetail();
    openVersion(version, { back: ticker });
  });
  words.onChange(() => {
    renderBoard([]);
    renderPicks();
    renderChart();
    renderDetail();
    renderWhatIf();
    renderVersionsForAccount();
  });
  initSheets();
  initSignin({
    onChange: () => {
      if (state.open) { mountForm(false); renderWhatIf(); }
      renderImportAccount();
      renderVersionsForAccount();
    },
  });
  renderBoard([]);
  $('#d-close').addEventListener('click', closeDetail);
  $('#scrim').addEventListener('click', closeDetail);
  $('#d-history-csv').addEventListener('click', e => {
    if (!state.open) return;
    downloadCsv('operators/' + encodeURIComponent(state.open) + '/history', state.open + '-history.csv',
      { button: e.currentTarget, status: $('#d-history-csv-status') });
  });
  document.addEventListener('keydown', e => {
    if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return; // a dialog closes itself
    if (!closeSignin() && state.open) closeDetail();
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
