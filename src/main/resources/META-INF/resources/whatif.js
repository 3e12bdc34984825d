// The what-if panel of the operator detail: a hypothetical deal (the add-deal form's fields), deals left out and a
// date, sent to POST /operators/{ticker}/what-if, which classifies the stored operator so changed and stores
// nothing. Before → after: tier, stage, backlog, conversion upside, risks and gaps, what moved highlighted. A
// signed-in analyst may then store the hypothetical deal as a real one (POST /operators/{ticker}/deals).
import { $, el, fill } from './dom.js';
import { usd, shortVersion } from './format.js';
import { ApiError, api, credentials, problemNode } from './api.js';
import { state } from './state.js';
import * as words from './words.js';
import { tierPill } from './board.js';
import { openSignin, explainRefusal } from './signin.js';
import {
  cloneDealForm,
  labelChoices,
  clearFormErrors,
  dealTyped,
  readDeal,
  localDealErrors,
  dealInput,
  showFormErrors,
  defaults,
} from './dealform.js';

let saved = async () => {};
/** What to do once the hypothetical deal is stored (detail.js: show the answer, reload); gets (answer, deal). */
export function onSaved(fn) {
  saved = fn;
}

let current = null; // {ticker, request, deal, answer}: the last what-if of the open operator
let dealsSig = null; // the deals the "leave out" boxes were drawn for

/** Puts the what-if form under #d-whatif (once), and with reset empties it and forgets the last answer. */
export function mountWhatIf(reset) {
  const host = $('#d-whatif');
  let form = $('form.what-if-form', host);
  if (!form) {
    form = buildForm();
    fill(
      host,
      el(
        'details',
        { class: 'what-if', id: 'what-if' },
        el('summary', {}, 'Try a deal, leave deals out or pick a date'),
        el('p', { class: 'hint' }, 'Classified by the active rules and stored nowhere. Every part is optional.'),
        form,
      ),
      el('div', {
        class: 'result whatif-result',
        id: 'whatif-result',
        hidden: true,
        tabindex: -1,
        'aria-live': 'polite',
      }),
    );
    reset = true;
  }
  if (reset) {
    form.reset();
    clearFormErrors(form);
    defaults(form);
    current = null;
    dealsSig = null;
  }
  syncWhatIf();
  renderAnswer();
}

function buildForm() {
  const form = cloneDealForm();
  form.classList.add('what-if-form');
  form.setAttribute('aria-label', 'What if: a hypothetical deal');
  form.addEventListener('submit', submit);
  form.addEventListener('reset', () =>
    setTimeout(() => {
      clearFormErrors(form);
      defaults(form);
    }, 0),
  );
  $('button[type=submit]', form).textContent = 'Try it';
  form.insertBefore(
    el(
      'div',
      { class: 'grid whatif-extra' },
      el('fieldset', { class: 'removals' }, el('legend', {}, 'Leave out'), el('div', { class: 'removal-list' })),
      el(
        'label',
        {},
        'As of ',
        el('input', { name: 'asOf', type: 'date' }),
        el('span', { class: 'hint' }, 'today when empty'),
      ),
    ),
    $('.form-error', form),
  );
  return form;
}

/** Redraws what follows the operator's data: the "leave out" boxes (when its deals changed) and the rules' words. */
export function syncWhatIf() {
  const form = $('#d-whatif form.what-if-form');
  if (!form) return;
  labelChoices(form);
  const det = state.detail || {};
  const op = state.ops.get(state.open) || {};
  const profile = det.profile || op.profile || null;
  const deals = profile && Array.isArray(profile.deals) ? profile.deals : null;
  const sig = JSON.stringify([state.open, deals && deals.map(d => [d.id, d.counterparty])]);
  if (sig === dealsSig) return;
  dealsSig = sig;
  const list = $('.removal-list', form);
  const was = new Set([...form.querySelectorAll('input[name=removeDeal]:checked')].map(i => i.value));
  fill(
    list,
    deals === null
      ? el('span', { class: 'muted small' }, 'Loading…')
      : deals.length
        ? deals.map(d =>
            el(
              'label',
              { class: 'check' },
              el('input', { type: 'checkbox', name: 'removeDeal', value: d.id, checked: was.has(d.id) }),
              ' ',
              d.counterparty || '—',
              ' ',
              el('code', { class: 'deal-id' }, d.id),
            ),
          )
        : el('span', { class: 'muted small' }, 'No deals to leave out'),
  );
}

async function submit(ev) {
  ev.preventDefault();
  const form = ev.currentTarget;
  const ticker = state.open;
  clearFormErrors(form);
  const f = form.elements;
  const request = {};
  let deal = null;
  if (dealTyped(form)) {
    deal = readDeal(form);
    const local = localDealErrors(deal);
    if (local.length) {
      showFormErrors(form, new ApiError(0, 'Check the hypothetical deal', '', local));
      return;
    }
    request.addDeals = [deal];
  }
  const remove = [...form.querySelectorAll('input[name=removeDeal]:checked')].map(i => i.value);
  if (remove.length) request.removeDeals = remove;
  if (f.asOf.value) request.asOf = f.asOf.value;
  if (!deal && !remove.length && !request.asOf) {
    showFormErrors(
      form,
      new ApiError(0, 'Nothing to try', 'type a deal, tick a deal to leave out, or pick a date', []),
    );
    return;
  }
  const btn = $('button[type=submit]', form);
  btn.disabled = true;
  btn.textContent = 'Trying…';
  try {
    const answer = await api('operators/' + encodeURIComponent(ticker) + '/what-if', { method: 'POST', body: request });
    if (state.open !== ticker) return;
    current = { ticker, request, deal, answer };
    renderAnswer();
  } catch (e) {
    if (state.open === ticker) showFormErrors(form, e, field => locate(form, request, field));
  } finally {
    btn.disabled = false;
    btn.textContent = 'Try it';
  }
}

/** The input an error of the what-if names: addDeals[0].valueUsd, removeDeals[1], asOf. */
function locate(form, request, field) {
  const rm = /^removeDeals\[(\d+)\]/.exec(field);
  if (rm) {
    const id = (request.removeDeals || [])[Number(rm[1])];
    return id === undefined
      ? null
      : [...form.querySelectorAll('input[name=removeDeal]')].find(i => i.value === id) || null;
  }
  if (/^(\$\.)?asOf$/.test(field)) return form.elements.asOf;
  if (/^(\$\.)?addDeals\[\d+\]\./.test(field)) return dealInput(form, field);
  return null;
}

// ---------------------------------------------------------------- the answer

const riskCodes = c => (Array.isArray(c.risks) ? c.risks : []).map(r => r.code).sort();
const gapKey = g => (g.toward || '') + '|' + (g.rule || '');

/** Before → after, a row per figure; a row whose value moved is marked. */
function compareRows(b, a) {
  const mb = b.metrics || {},
    ma = a.metrics || {};
  const rows = [
    ['tier', 'Tier', b.tier, a.tier, tierPill],
    ['stage', 'Stage', b.stage || null, a.stage || null, words.stageLabel],
    ['fullStack', 'Full stack', !!b.fullStack, !!a.fullStack, x => (x ? 'yes' : 'no')],
    ['bindingBacklogUsd', 'Binding backlog', mb.bindingBacklogUsd, ma.bindingBacklogUsd, usd],
    ['establishedBacklogUsd', 'Established backlog', mb.establishedBacklogUsd, ma.establishedBacklogUsd, usd],
    [
      'conversionUpsideUsdPerYear',
      'Conversion upside',
      mb.conversionUpsideUsdPerYear,
      ma.conversionUpsideUsdPerYear,
      x => (x > 0 ? usd(x) + ' a year' : usd(x)),
    ],
    ['risks', 'Risks', riskCodes(b), riskCodes(a), x => (x.length ? x.map(words.riskLabel).join(', ') : 'none')],
  ];
  return rows.map(([key, label, x, y, show]) => {
    const moved = JSON.stringify(x ?? null) !== JSON.stringify(y ?? null);
    return el(
      'tr',
      { class: moved ? 'moved' : '', 'data-row': key },
      el('th', { scope: 'row' }, label),
      el('td', {}, show(x)),
      el('td', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      el('td', {}, show(y), moved ? el('span', { class: 'visually-hidden' }, ' (changed)') : null),
    );
  });
}

/** The gaps after the change, each new or changed one marked, and those it closes struck through. */
function gapsNode(b, a) {
  const before = new Map((Array.isArray(b.gaps) ? b.gaps : []).map(g => [gapKey(g), g]));
  const after = Array.isArray(a.gaps) ? a.gaps : [];
  const afterKeys = new Set(after.map(gapKey));
  const closed = [...before.values()].filter(g => !afterKeys.has(gapKey(g)));
  const items = [
    ...after.map(g => {
      const was = before.get(gapKey(g));
      const how = !was ? 'new' : was.message !== g.message ? 'changed' : 'same';
      return el(
        'li',
        { class: 'reason gap-item ' + how, 'data-toward': g.toward, 'data-how': how },
        el(
          'div',
          { class: 'reason-head' },
          how !== 'same' ? el('span', { class: 'gap-mark' }, how) : null,
          el('span', { class: 'rule' }, 'To ' + words.towardLabel(g.toward)),
          el('code', { class: 'file' }, g.file || ''),
        ),
        el('div', { class: 'reason-msg' }, g.message || ''),
        how === 'changed' ? el('div', { class: 'reason-msg was' }, 'was: ', was.message || '') : null,
      );
    }),
    ...closed.map(g =>
      el(
        'li',
        { class: 'reason gap-item closed', 'data-toward': g.toward, 'data-how': 'closed' },
        el(
          'div',
          { class: 'reason-head' },
          el('span', { class: 'gap-mark' }, 'closed'),
          el('span', { class: 'rule' }, 'To ' + words.towardLabel(g.toward)),
          el('code', { class: 'file' }, g.file || ''),
        ),
        el('div', { class: 'reason-msg' }, el('s', {}, g.message || '')),
      ),
    ),
  ];
  return el(
    'div',
    { class: 'whatif-gaps' },
    el('h4', {}, 'What would move it then'),
    items.length
      ? el('ul', { class: 'reasons gaps' }, items)
      : el('p', { class: 'muted small' }, 'Nothing: the top tier and the top stage'),
  );
}

function whatNode(cur) {
  const r = cur.request;
  const parts = [];
  if (cur.deal) {
    const d = cur.deal;
    parts.push(
      el(
        'li',
        {},
        '+ ',
        d.counterparty,
        ' (',
        words.word('counterpartyTypes', d.counterpartyType),
        '), ',
        usd(d.valueUsd),
        d.status === 'BINDING' ? ', binding' : ', non-binding',
        ' ',
        el('code', { class: 'deal-id' }, d.id),
      ),
    );
  }
  for (const id of r.removeDeals || []) {
    parts.push(el('li', {}, '− ', el('code', { class: 'deal-id' }, id), ' left out'));
  }
  if (r.asOf) parts.push(el('li', {}, 'as of ', r.asOf));
  if (r.asOf && cur.deal && cur.deal.signed && cur.deal.signed > r.asOf) {
    parts.push(
      el(
        'li',
        { class: 'hint' },
        `The deal is signed on ${cur.deal.signed}, after that date: it does not count on it.`,
      ),
    );
  }
  return el('ul', { class: 'whatif-what' }, parts);
}

export function renderAnswer() {
  const box = $('#whatif-result');
  if (!box) return;
  const cur = current && current.ticker === state.open ? current : null;
  if (!cur) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const { answer } = cur;
  const b = answer.before || {},
    a = answer.after || {};
  box.dataset.before = b.tier || '';
  box.dataset.after = a.tier || '';
  box.dataset.tierChanged = String(!!answer.tierChanged);
  box.className = 'result whatif-result ' + (answer.tierChanged ? 'changed' : 'same');
  const focusedId = box.contains(document.activeElement) ? document.activeElement.id : null;
  fill(
    box,
    el(
      'div',
      { class: 'result-head' },
      el('strong', {}, 'What if'),
      tierPill(b.tier),
      el('span', { class: 'arrow' }, '→'),
      tierPill(a.tier),
      el('strong', { class: 'verdict' }, answer.tierChanged ? 'tier moves' : 'tier unchanged'),
      el('span', { class: 'muted small' }, 'nothing stored'),
    ),
    whatNode(cur),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'compare' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', {}, ''),
            el('th', { scope: 'col' }, 'Now'),
            el('th', {}),
            el('th', { scope: 'col' }, 'What if'),
          ),
        ),
        el('tbody', {}, compareRows(b, a)),
      ),
    ),
    gapsNode(b, a),
    a.ruleSet ? el('p', { class: 'muted small' }, `Rule set ${shortVersion(a.ruleSet.version)}.`) : null,
    saveNode(cur),
  );
  box.hidden = false;
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again) again.focus({ preventScroll: true });
  }
}

function saveNode(cur) {
  if (!cur.deal) return null;
  const extra =
    (cur.request.removeDeals || []).length || cur.request.asOf
      ? el(
          'span',
          { class: 'hint' },
          'Stores the deal only, classified today: the deals left out and the date are not applied.',
        )
      : null;
  if (!credentials()) {
    return el(
      'div',
      { class: 'signin-hint' },
      el('span', { class: 'muted' }, 'Sign in as analyst to store this deal for real.'),
      el('button', { type: 'button', class: 'btn small', onclick: openSignin }, 'Sign in'),
    );
  }
  return el(
    'div',
    { class: 'row-start' },
    el(
      'button',
      { type: 'button', class: 'btn primary small', id: 'whatif-save', onclick: save },
      'Save as a real deal',
    ),
    extra,
  );
}

async function save(ev) {
  const btn = ev.currentTarget;
  const cur = current;
  if (!cur || !cur.deal || cur.ticker !== state.open) return;
  const form = $('#d-whatif form.what-if-form');
  btn.disabled = true;
  btn.textContent = 'Saving…';
  try {
    const answer = await api('operators/' + encodeURIComponent(cur.ticker) + '/deals', {
      method: 'POST',
      body: cur.deal,
      auth: true,
    });
    current = null;
    if (form) {
      form.reset();
      clearFormErrors(form);
    }
    dealsSig = null;
    renderAnswer();
    await saved(answer, cur.deal);
  } catch (e) {
    explainRefusal(e, 'change operators', 'analyst');
    if (form) showFormErrors(form, e);
    else $('#d-whatif').append(el('div', { class: 'form-error' }, problemNode(e)));
    btn.disabled = false;
    btn.textContent = 'Save as a real deal';
  }
}
