// Tier board, the entry module: polls the service (API.md) and hands what changed to the views.
// Native ES modules, no build step; no network beyond this origin.
import { $, el, fill } from './dom.js';
import { when, ago, shortVersion, num } from './format.js';
import { ApiError, api, problemNode } from './api.js';
import { state } from './state.js';
import * as words from './words.js';
import { renderBoard, renderPicks, onOpen as onBoardOpen, onMore } from './board.js';
import { column, refreshColumn, showMore, collect } from './columns.js';
import { renderChart, onOpen as onChartOpen } from './chart.js';
import {
  renderRules,
  renderRulesError,
  refreshVersions,
  openVersion,
  onRulesAction,
  renderVersionsForAccount,
} from './rules.js';
import { openDetail, closeDetail, refreshDetail, renderDetail, mountForm, onStored, onOpenVersion } from './detail.js';
import { renderAnswer as renderWhatIf } from './whatif.js';
import { initSheets, onSheets, downloadCsv, renderImportAccount } from './sheets.js';
import { initSignin, closeSignin } from './signin.js';
import { renderChanges, onOpen as onChangeOpen } from './changes.js';

const POLL_MS = 4000; // cheap check: GET /rules and GET /operators/counts; pages and the screen only on a change

let busy = false,
  again = false;
let screenKey = null; // the counts' version and the rules' version the screen answer is as of
let changesKey = null; // the same, for the Changes panel: a write or a rule change may have moved someone
const CHANGES_SHOWN = 15;

async function tick(force) {
  if (busy) {
    again = again || force;
    return;
  }
  busy = true;
  try {
    const [rulesR, countsR] = await Promise.allSettled([api('rules'), api('operators/counts')]);
    if (rulesR.status === 'fulfilled') {
      const sig = JSON.stringify(rulesR.value);
      if (sig !== state.rulesSig) {
        state.rulesSig = sig;
        state.rules = rulesR.value;
        renderRules();
        words.update(state.rules); // redraws what shows the rules' words (words.onChange below)
      }
    } else {
      renderRulesError(rulesR.reason);
    }
    refreshVersions(false); // the archive, when the active version changed or an activation is still reclassifying
    if (countsR.status === 'rejected') throw countsR.reason;
    await follow(countsR.value || {}, force);
    state.lastOk = Date.now();
    setStatus(null);
    banner(null);
  } catch (e) {
    setStatus(e);
    banner(
      e.status === 404 && /operators/.test(e.where || '')
        ? new ApiError(404, 'The operator store is not available', e.detail, [], e.where)
        : e,
    );
  } finally {
    busy = false;
    if (again) {
      again = false;
      tick(true);
    }
  }
}

/**
 * Brings the board up to the counts just read: a column whose tier's marker moved (or that was never read) reads
 * its pages again, the screen is asked again when anything was written or the rules changed; the rest stays as it
 * is, so a poll with no change reads no page. Forced (after the board's own write), everything is read again.
 */
async function follow(counts, force) {
  const byTier = counts.byTier || {};
  const marks = counts.versionByTier || {};
  const stale = words
    .tierCodes()
    .filter(t => t in byTier && (force || column(t).version === null || column(t).version !== marks[t]));
  const key = counts.version + '|' + (state.rules && state.rules.version);
  const screenDue = force || key !== screenKey;
  const changesDue = force || key !== changesKey;
  const [screenR, changesR, ...columnsR] = await Promise.allSettled([
    screenDue ? api('screen') : Promise.resolve(state.screen),
    changesDue ? api('changes/latest?limit=' + CHANGES_SHOWN) : Promise.resolve(null),
    ...stale.map(t => refreshColumn(t, marks[t])),
  ]);
  if (changesDue && changesR.status === 'fulfilled') {
    renderChanges(changesR.value);
    changesKey = key;
  }
  const changed =
    !state.loaded || stale.length > 0 || screenDue || JSON.stringify(state.counts) !== JSON.stringify(counts);
  state.counts = counts;
  if (screenDue && screenR.status === 'fulfilled') {
    state.screen = screenR.value;
    screenKey = key;
  }
  if (changed) {
    state.loaded = true;
    renderBoard(collect());
    renderPicks();
    renderChart();
    if (state.open) refreshDetail(false); // a 404 there closes the drawer: the operator is gone
  }
  const failed = columnsR.find(r => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** "Show more" in column t: its next page appended, the first new card focused (it scrolls into view). */
async function more(t) {
  const pending = showMore(t);
  renderBoard([]);
  const first = await pending;
  renderBoard(collect());
  renderChart();
  const c = first && document.querySelector(`.card[data-ticker="${CSS.escape(first)}"]`);
  if (c) c.focus();
}

function setStatus(err) {
  const s = $('#status');
  s.classList.toggle('bad', !!err);
  const v = state.rules && state.rules.version ? shortVersion(state.rules.version) : null;
  const total = state.counts && typeof state.counts.total === 'number' ? state.counts.total : state.ops.size;
  fill(
    $('.text', s),
    err
      ? err.status
        ? `Error ${err.status} — retrying`
        : 'Offline — retrying'
      : [
          `Live · ${num(total)} operator${total === 1 ? '' : 's'}`,
          v ? el('span', { class: 'opt' }, ' · rules ', el('span', { class: 'ver' }, v)) : null,
          el('span', { class: 'opt' }, ' · ' + when(new Date().toISOString()).slice(11)),
        ],
  );
  s.title = err ? err.message : 'The board checks for changes every few seconds';
}

function banner(err) {
  const b = $('#banner');
  if (!err) {
    b.hidden = true;
    b.replaceChildren();
    return;
  }
  fill(b, problemNode(err));
  b.hidden = false;
}

function start() {
  const reload = () => tick(true);
  onBoardOpen(openDetail);
  onMore(more);
  onChartOpen(openDetail);
  onChangeOpen(openDetail);
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
      if (state.open) {
        mountForm(false);
        renderWhatIf();
      }
      renderImportAccount();
      renderVersionsForAccount();
    },
  });
  renderBoard([]);
  $('#d-close').addEventListener('click', closeDetail);
  $('#scrim').addEventListener('click', closeDetail);
  $('#d-history-csv').addEventListener('click', e => {
    if (!state.open) return;
    downloadCsv('operators/' + encodeURIComponent(state.open) + '/history', state.open + '-history.csv', {
      button: e.currentTarget,
      status: $('#d-history-csv-status'),
    });
  });
  document.addEventListener('keydown', e => {
    if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return; // a dialog closes itself
    if (!closeSignin() && state.open) closeDetail();
  });
  let raf = 0;
  const onResize = () => {
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(renderChart);
  };
  if (window.ResizeObserver) new ResizeObserver(onResize).observe($('#chart'));
  else window.addEventListener('resize', onResize);
  const fromHash = decodeURIComponent(location.hash.slice(1));
  // any stored operator, on a page the board has loaded or not: the drawer reads it (and closes on a 404)
  tick(true).then(() => {
    if (fromHash) openDetail(fromHash);
  });
  setInterval(() => {
    if (document.visibilityState === 'hidden') return;
    tick(false);
    document.querySelectorAll('[data-ago]').forEach(x => {
      if (x.dataset.ago) x.textContent = ' · ' + ago(x.dataset.ago);
    });
  }, POLL_MS);
  // for tests and the console: a reload of everything, and the poll the timer runs
  window.tierBoard = { refresh: () => tick(true), poll: () => tick(false) };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
